package dev.llmgateway.limits;

import java.util.Map;

/** Who may use what: each team's limits with the defaults filled in, the per-key limits, the batch share. */
public final class LimitPolicy {

    private final LimitsSettings settings;
    private final Map<String, TeamLimits> teams;

    public LimitPolicy(LimitsSettings settings, Map<String, TeamLimits> teams) {
        this.settings = settings;
        this.teams = Map.copyOf(teams);
    }

    public TeamLimits team(String team) {
        TeamLimits listed = teams.get(team);
        return listed == null ? settings.teamDefaults() : listed.over(settings.teamDefaults());
    }

    public KeyLimits perKey() {
        return settings.perKey();
    }

    public double batchShare() {
        return settings.batchShare();
    }

    /** @return whether any team or feature has a budget (when none does, calls skip the budget store entirely) */
    public boolean anyBudget() {
        return hasBudget(settings.teamDefaults()) || teams.values().stream().anyMatch(LimitPolicy::hasBudget);
    }

    private static boolean hasBudget(TeamLimits limits) {
        return limits.monthlyBudgetUsd() != null
                || limits.features().values().stream().anyMatch(f -> f.monthlyBudgetUsd() != null);
    }
}
