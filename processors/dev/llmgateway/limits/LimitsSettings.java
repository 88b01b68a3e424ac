package dev.llmgateway.limits;

import dev.llmgateway.budget.BudgetAlertSettings;

/**
 * The {@code limits:} section: defaults for teams, limits of every API key, and the share batch traffic may use.
 *
 * @param teamDefaults limits of teams not listed under {@code teams:}, and of what a listed team leaves out
 * @param perKey       limits of each API key
 * @param batchShare   fraction (0 < share <= 1) of a team's requests and tokens per minute and concurrent requests
 *                     that batch traffic may use, so it never crowds out interactive calls
 * @param budgetAlerts the thresholds at which a budget raises an alert, and where alerts are sent
 */
public record LimitsSettings(TeamLimits teamDefaults, KeyLimits perKey, Double batchShare,
                             BudgetAlertSettings budgetAlerts) {

    public static final double DEFAULT_BATCH_SHARE = 0.5;

    public LimitsSettings {
        teamDefaults = teamDefaults == null ? TeamLimits.none() : teamDefaults;
        perKey = perKey == null ? KeyLimits.none() : perKey;
        batchShare = batchShare == null ? DEFAULT_BATCH_SHARE : batchShare;
        budgetAlerts = budgetAlerts == null ? BudgetAlertSettings.defaults() : budgetAlerts;
    }

    public LimitsSettings(TeamLimits teamDefaults, KeyLimits perKey, Double batchShare) {
        this(teamDefaults, perKey, batchShare, null);
    }

    public static LimitsSettings defaults() {
        return new LimitsSettings(null, null, null);
    }
}
