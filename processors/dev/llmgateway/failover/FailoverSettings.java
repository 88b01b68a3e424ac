package dev.llmgateway.failover;

/**
 * How calls move between regions.
 *
 * @param deadlineMs           the longest one request may spend on attempts and waits, in milliseconds
 * @param backoffBaseMs        first round's upper bound for the random wait between rounds over the regions
 * @param backoffMaxMs         upper bound of any wait between rounds
 * @param breakerWindow        calls the circuit breaker of a region looks back over
 * @param breakerMinimumCalls  calls before a breaker may open
 * @param breakerFailureRate   percentage of failed calls in the window that opens the breaker
 * @param breakerOpenMs        how long an open breaker skips its region before letting trial calls through
 */
public record FailoverSettings(long deadlineMs, long backoffBaseMs, long backoffMaxMs, int breakerWindow,
                               int breakerMinimumCalls, float breakerFailureRate, long breakerOpenMs) {

    public FailoverSettings {
        require(deadlineMs >= 100, "deadlineMs must be at least 100");
        require(backoffBaseMs >= 1 && backoffMaxMs >= backoffBaseMs, "need 1 <= backoffBaseMs <= backoffMaxMs");
        require(breakerWindow >= 1 && breakerMinimumCalls >= 1, "breakerWindow and breakerMinimumCalls must be >= 1");
        require(breakerFailureRate > 0 && breakerFailureRate <= 100, "breakerFailureRate must be in (0, 100]");
        require(breakerOpenMs >= 1, "breakerOpenMs must be at least 1");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
