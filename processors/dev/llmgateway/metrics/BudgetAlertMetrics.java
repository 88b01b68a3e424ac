package dev.llmgateway.metrics;

import dev.llmgateway.budget.BudgetAlert;
import dev.llmgateway.budget.BudgetAlertListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Counts budget alerts by team and threshold. */
public class BudgetAlertMetrics implements BudgetAlertListener {

    private final MeterRegistry registry;
    private final MetricLabels labels;

    public BudgetAlertMetrics(MeterRegistry registry, MetricLabels labels) {
        this.registry = registry;
        this.labels = labels;
    }

    @Override
    public void raised(BudgetAlert alert) {
        NeverFailing.run("budget alert metrics", () -> Meters.counter(registry, Meters.BUDGET_ALERTS,
                labels.team(alert.team()).and(Tags.of("threshold", Integer.toString(alert.thresholdPercent()))))
                .increment());
    }
}
