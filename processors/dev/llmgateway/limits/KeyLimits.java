package dev.llmgateway.limits;

/**
 * What each API key may use, within its team's limits; null means no limit of the key's own.
 *
 * @param requestsPerMinute  requests admitted per minute
 * @param tokensPerMinute    tokens per minute
 * @param concurrentRequests calls in flight at once
 */
public record KeyLimits(Integer requestsPerMinute, Integer tokensPerMinute, Integer concurrentRequests) {

    public static KeyLimits none() {
        return new KeyLimits(null, null, null);
    }

    /** @return these limits with every field left out (null) taken from the defaults */
    public KeyLimits over(KeyLimits defaults) {
        return new KeyLimits(requestsPerMinute != null ? requestsPerMinute : defaults.requestsPerMinute(),
                tokensPerMinute != null ? tokensPerMinute : defaults.tokensPerMinute(),
                concurrentRequests != null ? concurrentRequests : defaults.concurrentRequests());
    }
}
