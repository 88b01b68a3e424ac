package dev.llmgateway.failover;

import dev.llmgateway.chat.GatewayException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;

/**
 * The circuit breaker of one region for one model id, remembering how the region last failed: when every region is
 * paused, a model whose regions were throttling is "try again soon" (429), one whose regions were broken is 503.
 */
public final class RegionBreaker {

    private final CircuitBreaker breaker;
    private final long openNanos;
    private volatile boolean lastFailureThrottled;
    private volatile long lastFailureNanos;
    private volatile boolean failedEver;

    RegionBreaker(CircuitBreaker breaker, long openMs) {
        this.breaker = breaker;
        this.openNanos = TimeUnit.MILLISECONDS.toNanos(openMs);
    }

    /** @return closed, open or half-open, as the breaker is now (for the metrics) */
    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    public boolean tryAcquirePermission() {
        return breaker.tryAcquirePermission();
    }

    /** Gives back a permission that was not used for a call (the client left before the region answered). */
    public void releasePermission() {
        breaker.releasePermission();
    }

    public void succeeded(long elapsedNanos) {
        breaker.onSuccess(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    public void failed(long elapsedNanos, GatewayException failure) {
        lastFailureThrottled = failure.status() == 429;
        lastFailureNanos = System.nanoTime();
        failedEver = true;
        breaker.onError(elapsedNanos, TimeUnit.NANOSECONDS, failure);
    }

    /** @return whether the region's last failure was throttling (false when it never failed) */
    boolean lastFailureThrottled() {
        return failedEver && lastFailureThrottled;
    }

    /** @return how long, in milliseconds, until the breaker lets a trial call through (0 when it may now) */
    public long msUntilTrial() {
        if (!failedEver) {
            return 0;
        }
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(lastFailureNanos + openNanos - System.nanoTime()));
    }
}
