package dev.llmgateway.metrics;

import dev.llmgateway.guard.GuardDecisionListener;
import dev.llmgateway.guard.pii.PiiType;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the guards' decisions: injection verdicts by family, PII values redacted by type, token limit actions,
 * guardrail checks.
 */
public class GuardMetrics implements GuardDecisionListener {

    private final MeterRegistry registry;
    private final MetricLabels labels;

    public GuardMetrics(MeterRegistry registry, MetricLabels labels) {
        this.registry = registry;
        this.labels = labels;
    }

    @Override
    public void injection(String team, String decision, String family) {
        NeverFailing.run("injection guard metrics", () -> Meters.counter(registry, Meters.INJECTION,
                labels.team(team).and("decision", labels.code(decision), "family", labels.code(family))).increment());
    }

    @Override
    public void untrustedContent(String team, String decision, String source) {
        NeverFailing.run("untrusted content metrics", () -> Meters.counter(registry, Meters.UNTRUSTED_CONTENT,
                labels.team(team).and("decision", labels.code(decision), "source", labels.code(source))).increment());
    }

    @Override
    public void piiRedacted(String team, PiiType type, int count) {
        NeverFailing.run("PII metrics", () -> Meters.counter(registry, Meters.PII_REDACTIONS,
                labels.team(team).and("type", type.label())).increment(count));
    }

    @Override
    public void tokenLimit(String team, String decision, String reason) {
        NeverFailing.run("token limit metrics", () -> Meters.counter(registry, Meters.TOKEN_LIMITS,
                labels.team(team).and("decision", labels.code(decision), "reason", labels.code(reason))).increment());
    }

    @Override
    public void guardrail(String team, String source, String decision) {
        NeverFailing.run("guardrail metrics", () -> Meters.counter(registry, Meters.GUARDRAILS,
                labels.team(team).and("source", labels.code(source), "decision", labels.code(decision))).increment());
    }
}
