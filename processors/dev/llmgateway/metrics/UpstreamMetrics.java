package dev.llmgateway.metrics;

import dev.llmgateway.bedrock.UpstreamCallListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Counts calls to each Bedrock region by how they ended, and among them throttles (429) and the region's own
 * failures (5xx, timeouts). The throttle and error counters of every configured region exist from the start. Also
 * counts requests that went on to a fallback model, and fallbacks skipped.
 */
public class UpstreamMetrics implements UpstreamCallListener {

    private final MeterRegistry registry;
    private final MetricLabels labels;

    public UpstreamMetrics(MeterRegistry registry, MetricLabels labels) {
        this.registry = registry;
        this.labels = labels;
        labels.regions().forEach(region -> {
            Meters.counter(registry, Meters.UPSTREAM_THROTTLES, Tags.of("region", region));
            Meters.counter(registry, Meters.UPSTREAM_ERRORS, Tags.of("region", region));
        });
    }

    @Override
    public void called(String region, String modelId, int status, String outcome) {
        NeverFailing.run("upstream metrics", () -> count(labels.region(region), status, labels.code(outcome)));
    }

    @Override
    public void fellBack(String from, String to) {
        NeverFailing.run("fallback metrics", () -> Meters.counter(registry, Meters.MODEL_FALLBACKS,
                Tags.of("from", labels.model(from), "to", labels.model(to))).increment());
    }

    @Override
    public void fallbackSkipped(String from, String to, String reason) {
        NeverFailing.run("fallback metrics", () -> Meters.counter(registry, Meters.MODEL_FALLBACKS_SKIPPED,
                Tags.of("from", labels.model(from), "to", labels.model(to), "reason", labels.code(reason)))
                .increment());
    }

    private void count(String region, int status, String outcome) {
        Meters.counter(registry, Meters.UPSTREAM_CALLS, Tags.of("region", region, "outcome", outcome)).increment();
        if (status == 429) {
            Meters.counter(registry, Meters.UPSTREAM_THROTTLES, Tags.of("region", region)).increment();
        } else if (status >= 500) {
            Meters.counter(registry, Meters.UPSTREAM_ERRORS, Tags.of("region", region)).increment();
        }
    }
}
