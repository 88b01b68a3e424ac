package dev.llmgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.GatewayException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpstreamMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UpstreamMetrics metrics = new UpstreamMetrics(registry,
            new MetricLabels(Set.of(), Set.of("us-east-1", "us-west-2"), Set.of(), Set.of(), true));

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void everyRegionStartsAtZero() {
        assertThat(count("llmgateway.upstream.throttles", "region", "us-west-2")).isZero();
        assertThat(count("llmgateway.upstream.errors", "region", "us-west-2")).isZero();
    }

    @Test
    void throttlesAndTheRegionsFailuresAreCountedApart() {
        metrics.failed("us-east-1", "m", new GatewayException(429, "rate_limit_error", "upstream_throttled", "slow down"));
        metrics.failed("us-east-1", "m", new GatewayException(503, "upstream_error", "upstream_unavailable", "down"));
        metrics.failed("us-east-1", "m", new GatewayException(400, "invalid_request_error", "upstream_validation", "no"));
        metrics.failed("us-east-1", "m", new IllegalStateException("surprise"));
        metrics.answered("us-west-2", "m");

        assertThat(count("llmgateway.upstream.throttles", "region", "us-east-1")).isEqualTo(1);
        assertThat(count("llmgateway.upstream.errors", "region", "us-east-1")).as("503 and the unknown failure").isEqualTo(2);
        assertThat(count("llmgateway.upstream.calls", "region", "us-east-1", "outcome", "upstream_validation")).isEqualTo(1);
        assertThat(count("llmgateway.upstream.calls", "region", "us-east-1", "outcome", "internal_error")).isEqualTo(1);
        assertThat(count("llmgateway.upstream.calls", "region", "us-west-2", "outcome", "ok")).isEqualTo(1);
    }

    @Test
    void anUnknownRegionIsOther() {
        metrics.answered("mars-north-1", "m");

        assertThat(count("llmgateway.upstream.calls", "region", "other", "outcome", "ok")).isEqualTo(1);
    }
}
