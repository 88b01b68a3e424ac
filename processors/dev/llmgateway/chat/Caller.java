package dev.llmgateway.chat;

import java.util.List;

/**
 * Who makes a call.
 *
 * @param team      the team the call counts against; its limits and policies apply (null for the admin token)
 * @param keyId     the id of the API key the caller used (safe to log), or null for callers inside the process
 * @param feature   the feature the call is attributed to in the cost ledger
 * @param allTeams  whether the caller sees every team's data (the admin token on the usage API)
 * @param keyModels the model aliases the caller's API key is limited to (within its team's), or null: no limit of
 *                  the key's own
 * @param keyRequestsPerMinute the caller's API key's own requests per minute, or null: {@code limits.perKey}
 * @param keyTokensPerMinute   the caller's API key's own tokens per minute, or null: {@code limits.perKey}
 */
public record Caller(String team, String keyId, String feature, boolean allTeams, List<String> keyModels,
                     Integer keyRequestsPerMinute, Integer keyTokensPerMinute) {

    public Caller {
        keyModels = keyModels == null ? null : List.copyOf(keyModels);
    }

    /** A caller of one team. */
    public static Caller of(String team, String keyId, String feature) {
        return of(team, keyId, feature, null);
    }

    /** A caller of one team through a key limited to some models (null: not limited). */
    public static Caller of(String team, String keyId, String feature, List<String> keyModels) {
        return new Caller(team, keyId, feature, false, keyModels, null, null);
    }

    /** A caller through an API key with its own rate limits (null where the key has none of its own). */
    public Caller withKeyRateLimits(Integer requestsPerMinute, Integer tokensPerMinute) {
        return new Caller(team, keyId, feature, allTeams, keyModels, requestsPerMinute, tokensPerMinute);
    }

    /** The admin token: no team of its own, sees all of them. */
    public static Caller admin() {
        return new Caller(null, null, null, true, null, null, null);
    }
}
