package dev.llmgateway.metrics;

import dev.llmgateway.record.CallRecord;
import dev.llmgateway.record.CallRecordListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts each finished call: requests, tokens, cost, the gateway's cache, latency and time to first token. A
 * call answered by the model counts as a cache miss, and the hit counters of its labels exist from then on (at
 * zero), so a hit rate reads 0 rather than "no data".
 */
public class CallMetrics implements CallRecordListener {

    private static final Duration[] LATENCY_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120);
    private static final Duration[] FIRST_TOKEN_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10);
    private static final String[] CACHE_KINDS = {"exact", "semantic"};

    private final MeterRegistry registry;
    private final MetricLabels labels;

    public CallMetrics(MeterRegistry registry, MetricLabels labels) {
        this.registry = registry;
        this.labels = labels;
    }

    @Override
    public void recorded(CallRecord record) {
        NeverFailing.run("call metrics", () -> count(record));
    }

    private void count(CallRecord record) {
        String model = labels.model(record.modelAlias());
        Tags who = labels.caller(record.team(), record.feature(), record.keyId()).and("model", model);
        Meters.counter(registry, Meters.REQUESTS, who.and("status", Integer.toString(record.status()),
                "outcome", labels.code(record.outcome()))).increment();
        if (record.inputTokens() > 0 || record.outputTokens() > 0) {
            Meters.counter(registry, Meters.TOKENS, who.and("direction", "in")).increment(record.inputTokens());
            Meters.counter(registry, Meters.TOKENS, who.and("direction", "out")).increment(record.outputTokens());
        }
        if (record.cacheReadTokens() > 0) {
            Meters.counter(registry, Meters.TOKENS, who.and("direction", "cache_read"))
                    .increment(record.cacheReadTokens());
        }
        if (record.cacheWriteTokens() > 0) {
            Meters.counter(registry, Meters.TOKENS, who.and("direction", "cache_write"))
                    .increment(record.cacheWriteTokens());
        }
        if (record.costUsd().signum() > 0) {
            Meters.counter(registry, Meters.COST, who).increment(record.costUsd().doubleValue());
        }
        countCache(record, who);
        String stream = Boolean.toString(record.streamed());
        Timer.builder("llmgateway.request.latency")
                .description("From the request's arrival to the end of its answer")
                .tags(Tags.of("model", model, "stream", stream, "status", Integer.toString(record.status())))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(record.latencyMs(), TimeUnit.MILLISECONDS);
        if (record.streamed() && record.status() < 400 && !"client_disconnected".equals(record.outcome())) {
            Timer.builder("llmgateway.time.to.first.token")
                    .description("From the request's arrival to the first byte of a streamed answer")
                    .tags(Tags.of("model", model))
                    .serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
                    .register(registry)
                    .record(record.timeToFirstTokenMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void countCache(CallRecord record, Tags who) {
        if (record.cacheHit() != null) {
            Meters.counter(registry, Meters.CACHE_HITS, who.and("kind", labels.code(record.cacheHit()))).increment();
            Meters.counter(registry, Meters.CACHE_SAVED, who).increment(record.savedCostUsd().doubleValue());
        } else if (record.succeeded()) {
            Meters.counter(registry, Meters.CACHE_MISSES, who).increment();
            for (String kind : CACHE_KINDS) {
                Meters.counter(registry, Meters.CACHE_HITS, who.and("kind", kind));
            }
            Meters.counter(registry, Meters.CACHE_SAVED, who);
        }
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos((long) (values[i] * 1_000_000_000L));
        }
        return durations;
    }
}
