package dev.llmgateway.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * Something a call counts against: its team, its API key, and for batch traffic its team's batch share.
 *
 * @param description        as a client reads it ("team analytics")
 * @param key                stable key of the scope ("team/analytics")
 * @param requestsPerMinute  null: no limit
 * @param tokensPerMinute    null: no limit
 * @param concurrentRequests null: no limit
 */
public record RateScope(String description, String key, Integer requestsPerMinute, Integer tokensPerMinute,
                        Integer concurrentRequests) {

    /**
     * @param keyOwn the key's own limits, each field null where {@code limits.perKey} applies
     * @return the scopes one call of a team, through a key, counts against
     */
    public static List<RateScope> of(LimitPolicy policy, String team, String keyId, KeyLimits keyOwn, boolean batch) {
        TeamLimits teamLimits = policy.team(team);
        KeyLimits keyLimits = keyOwn.over(policy.perKey());
        List<RateScope> scopes = new ArrayList<>(3);
        scopes.add(new RateScope("team " + team, "team/" + team, teamLimits.requestsPerMinute(),
                teamLimits.tokensPerMinute(), teamLimits.concurrentRequests()));
        if (keyId != null) {
            scopes.add(new RateScope("API key " + keyId, "key/" + keyId, keyLimits.requestsPerMinute(),
                    keyLimits.tokensPerMinute(), keyLimits.concurrentRequests()));
        }
        if (batch) {
            double share = policy.batchShare();
            scopes.add(new RateScope("batch traffic of team " + team + " (" + Math.round(share * 100)
                    + "% of the team's limits)", "batch/" + team, shareOf(teamLimits.requestsPerMinute(), share),
                    shareOf(teamLimits.tokensPerMinute(), share), shareOf(teamLimits.concurrentRequests(), share)));
        }
        return scopes;
    }

    private static Integer shareOf(Integer limit, double share) {
        return limit == null ? null : Math.max(1, (int) Math.floor(limit * share));
    }

    /** @return this scope's per-minute limits */
    public List<RateLimit> rateLimits() {
        List<RateLimit> limits = new ArrayList<>(2);
        if (requestsPerMinute != null) {
            limits.add(new RateLimit(description, key, RateDimension.REQUESTS, requestsPerMinute));
        }
        if (tokensPerMinute != null) {
            limits.add(new RateLimit(description, key, RateDimension.TOKENS, tokensPerMinute));
        }
        return limits;
    }
}
