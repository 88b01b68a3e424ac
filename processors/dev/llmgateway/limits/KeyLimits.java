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
}
