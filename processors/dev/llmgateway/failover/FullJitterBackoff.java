package dev.llmgateway.failover;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: before round n the wait is uniform in [0, min(max, base * 2^n)], so many
 * clients throttled together do not come back together. An upstream's retry hint is a floor.
 */
public final class FullJitterBackoff {

    private final long baseMs;
    private final long maxMs;

    public FullJitterBackoff(long baseMs, long maxMs) {
        this.baseMs = baseMs;
        this.maxMs = maxMs;
    }

    /**
     * @param round      rounds over the regions already made (1 after the first)
     * @param hintMs     the largest retry hint the upstream gave in that round, or 0
     */
    public long delayMs(int round, long hintMs) {
        long ceiling = Math.min(maxMs, baseMs << Math.min(round - 1, 30));
        return Math.max(hintMs, ThreadLocalRandom.current().nextLong(ceiling + 1));
    }
}
