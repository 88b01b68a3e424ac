package dev.llmgateway.budget;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget's spend crossed one of its alert thresholds this month.
 *
 * @param team             the team
 * @param feature          the feature whose budget it is, or null for the team's own
 * @param month            the budget month, "2026-12"
 * @param thresholdPercent the threshold crossed, in percent of the budget
 * @param budgetUsd        the budget
 * @param spentUsd         what was spent when it was crossed
 * @param raisedAt         when
 */
public record BudgetAlert(String team, String feature, String month, int thresholdPercent, BigDecimal budgetUsd,
                          BigDecimal spentUsd, Instant raisedAt) {

    /** @return as a reader reads it: "team analytics", "feature reports of team analytics" */
    public String describe() {
        return feature == null ? "team " + team : "feature " + feature + " of team " + team;
    }
}
