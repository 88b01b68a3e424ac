package dev.llmgateway.budget;

import java.util.List;

/**
 * The {@code limits.budgetAlerts:} section.
 *
 * @param thresholdsPercent percent of a budget whose crossing raises an alert, for teams that set none; default 50,
 *                          80, 100
 * @param webhookUrl        where each alert is POSTed as JSON; empty: a log line and a metric only
 * @param webhookAttempts   attempts per alert before it is given up (logged); default 5
 */
public record BudgetAlertSettings(List<Integer> thresholdsPercent, String webhookUrl, Integer webhookAttempts) {

    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);

    public BudgetAlertSettings {
        thresholdsPercent = thresholdsPercent == null ? DEFAULT_THRESHOLDS
                : thresholdsPercent.stream().sorted().distinct().toList();
        webhookUrl = webhookUrl == null ? "" : webhookUrl.trim();
        webhookAttempts = webhookAttempts == null ? 5 : webhookAttempts;
    }

    public static BudgetAlertSettings defaults() {
        return new BudgetAlertSettings(null, null, null);
    }
}
