package dev.llmgateway.limits;

import java.util.Map;
import java.util.function.Function;

/** Who may use what: each team's limits with the defaults filled in, the per-key limits, the batch share. */
public final class LimitPolicy {

    private final LimitsSettings settings;
    private final Function<String, TeamLimits> teams;

    public LimitPolicy(LimitsSettings settings, Map<String, TeamLimits> teams) {
        this(settings, Map.copyOf(teams)::get);
    }

    /** @param teams a team's own limits as they are at the moment of a call, or null for a team without any */
    public LimitPolicy(LimitsSettings settings, Function<String, TeamLimits> teams) {
        this.settings = settings;
        this.teams = teams;
    }

    public TeamLimits team(String team) {
        TeamLimits listed = teams.apply(team);
        return listed == null ? settings.teamDefaults() : listed.over(settings.teamDefaults());
    }

    public KeyLimits perKey() {
        return settings.perKey();
    }

    public double batchShare() {
        return settings.batchShare();
    }
}
