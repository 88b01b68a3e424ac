package dev.llmgateway.auth;

/**
 * An API key's own rate limits, set through the admin API; a null field leaves the key to {@code limits.perKey}.
 *
 * @param requestsPerMinute requests admitted per minute through the key
 * @param tokensPerMinute   tokens per minute through the key (reserved and settled as for teams)
 */
public record KeyRateLimits(Integer requestsPerMinute, Integer tokensPerMinute) {

    public static KeyRateLimits none() {
        return new KeyRateLimits(null, null);
    }
}
