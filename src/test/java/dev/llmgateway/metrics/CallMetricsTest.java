package dev.llmgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.llmgateway.auth.ApiKey;
import dev.llmgateway.record.CallRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallMetricsTest {

    private static final MetricLabels LABELS = labels(true);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CallMetrics metrics = new CallMetrics(registry, LABELS);

    /** Labels that know key_1, of team analytics with default feature reports. */
    private static MetricLabels labels(boolean teamLabels) {
        MetricLabels labels = new MetricLabels(Set.of("claude-3-haiku"), Set.of("us-east-1"), Set.of(), Set.of(),
                teamLabels);
        labels.knowKeys(new KeyNames() {
            @Override
            public Optional<ApiKey> key(String keyId) {
                return Optional.of(new ApiKey(keyId, "sk-", "analytics", "service", "reports", Instant.now(), null))
                        .filter(key -> key.id().equals("key_1"));
            }

            @Override
            public boolean teamHasKey(String team) {
                return team.equals("analytics");
            }
        });
        return labels;
    }

    private static CallRecord record(String model, String team, String cacheHit, String outcome, int status) {
        return new CallRecord(Instant.now(), "req", "chat-completions", team, "reports", "key_1", model,
                "anthropic.claude-3-haiku-20240307-v1:0", "us-east-1", null, false, 100, 20, 0, 0,
                cacheHit == null ? new BigDecimal("0.00005") : BigDecimal.ZERO, cacheHit,
                cacheHit == null ? BigDecimal.ZERO : new BigDecimal("0.00005"), 300, 300, 250L, status, outcome);
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? -1 : counter.count();
    }

    @Test
    void aCacheHitCountsWhatItSaved() {
        metrics.recorded(record("claude-3-haiku", "analytics", "semantic", "ok", 200));

        assertThat(count("llmgateway.cache.hits", "team", "analytics", "kind", "semantic")).isEqualTo(1);
        assertThat(count("llmgateway.cache.saved.usd", "team", "analytics")).isEqualTo(0.00005);
        assertThat(registry.find("llmgateway.cache.misses").counters()).isEmpty();
        assertThat(registry.find("llmgateway.cost.usd").counters()).isEmpty();
    }

    @Test
    void aModelAnswerIsAMissAndItsHitCountersStartAtZero() {
        metrics.recorded(record("claude-3-haiku", "analytics", null, "ok", 200));

        assertThat(count("llmgateway.cache.misses", "team", "analytics")).isEqualTo(1);
        assertThat(count("llmgateway.cache.hits", "team", "analytics", "kind", "exact")).isZero();
        assertThat(count("llmgateway.cache.hits", "team", "analytics", "kind", "semantic")).isZero();
        assertThat(count("llmgateway.cost.usd", "team", "analytics", "model", "claude-3-haiku")).isEqualTo(0.00005);
    }

    @Test
    void aFailedCallIsNeitherHitNorMiss() {
        metrics.recorded(record("claude-3-haiku", "analytics", null, "upstream_timeout", 504));

        assertThat(count("llmgateway.requests", "status", "504", "outcome", "upstream_timeout")).isEqualTo(1);
        assertThat(registry.find("llmgateway.cache.misses").counters()).isEmpty();
    }

    @Test
    void labelsComeFromBoundedSets() {
        metrics.recorded(record("my-own-model-name", "Team With Spaces", null, "Weird Outcome!", 404));

        assertThat(count("llmgateway.requests", "model", "other", "team", "other", "outcome", "other")).isEqualTo(1);
    }

    @Test
    void teamAndFeatureLabelsCanBeTurnedOff() {
        CallMetrics withoutTeams = new CallMetrics(registry, labels(false));

        withoutTeams.recorded(record("claude-3-haiku", "analytics", null, "ok", 200));

        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter -> assertThat(meter.getId().getTags())
                .noneMatch(tag -> tag.getKey().equals("team") || tag.getKey().equals("feature")));
    }

    @Test
    void aFailingRegistryNeverFailsTheCall() {
        SimpleMeterRegistry broken = new SimpleMeterRegistry() {
            @Override
            protected Counter newCounter(Meter.Id id) {
                throw new IllegalStateException("registry broken");
            }
        };

        assertThatCode(() -> new CallMetrics(broken, LABELS).recorded(record("claude-3-haiku", "a", null, "ok", 200)))
                .doesNotThrowAnyException();
        assertThatCode(() -> new GuardMetrics(broken, LABELS).injection("a", "flagged", "role_spoofing"))
                .doesNotThrowAnyException();
        assertThatCode(() -> new UpstreamMetrics(broken, new MetricLabels(Set.of(), Set.of(), Set.of(), Set.of(), true))
                .called("us-east-1", "m", 429, "upstream_throttled")).doesNotThrowAnyException();
    }
}
