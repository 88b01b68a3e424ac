package dev.llmgateway.limits;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * What one team may use. Under {@code teams:} a field left out (null) takes the value of {@code limits.teamDefaults};
 * null there means no limit.
 *
 * @param requestsPerMinute  requests admitted per minute, across the team's keys
 * @param tokensPerMinute    tokens per minute (prompt estimate plus max_tokens reserved, then the real usage)
 * @param concurrentRequests calls in flight at once, streams included
 * @param monthlyBudgetUsd   dollars the team may spend per calendar month (UTC)
 * @param features           budgets of single features of the team, by feature name
 */
public record TeamLimits(Integer requestsPerMinute, Integer tokensPerMinute, Integer concurrentRequests,
                         BigDecimal monthlyBudgetUsd, Map<String, FeatureLimits> features) {

    public TeamLimits {
        features = features == null ? Map.of() : Map.copyOf(features);
    }

    public static TeamLimits none() {
        return new TeamLimits(null, null, null, null, null);
    }

    /** @return these limits with every field left out taken from the defaults; feature budgets merge, ours win */
    public TeamLimits over(TeamLimits defaults) {
        Map<String, FeatureLimits> merged = new HashMap<>(defaults.features());
        merged.putAll(features);
        return new TeamLimits(
                requestsPerMinute != null ? requestsPerMinute : defaults.requestsPerMinute(),
                tokensPerMinute != null ? tokensPerMinute : defaults.tokensPerMinute(),
                concurrentRequests != null ? concurrentRequests : defaults.concurrentRequests(),
                monthlyBudgetUsd != null ? monthlyBudgetUsd : defaults.monthlyBudgetUsd(),
                merged);
    }

    /** @return the monthly budget of one feature of the team, or null when it has none */
    public BigDecimal featureBudgetUsd(String feature) {
        FeatureLimits limits = feature == null ? null : features.get(feature);
        return limits == null ? null : limits.monthlyBudgetUsd();
    }

    /** @param monthlyBudgetUsd dollars the feature may spend per calendar month (UTC), within the team's budget */
    public record FeatureLimits(BigDecimal monthlyBudgetUsd) {
    }
}
