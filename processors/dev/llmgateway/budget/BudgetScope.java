package dev.llmgateway.budget;

import java.math.BigDecimal;

/**
 * A monthly budget: a whole team's, or one feature's of a team.
 *
 * @param team     the team
 * @param feature  the feature, or null for the whole team
 * @param limitUsd dollars per calendar month (UTC)
 */
public record BudgetScope(String team, String feature, BigDecimal limitUsd) {

    /** The feature column's value for a team's own budget. */
    static final String WHOLE_TEAM = "*";

    String featureKey() {
        return feature == null ? WHOLE_TEAM : feature;
    }

    /** @return as a client reads it: "team analytics", "feature reports of team analytics" */
    public String describe() {
        return feature == null ? "team " + team : "feature " + feature + " of team " + team;
    }
}
