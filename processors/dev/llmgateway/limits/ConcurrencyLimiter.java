package dev.llmgateway.limits;

import java.util.Optional;

/** Counts the calls in flight per scope; a call holds a slot from admission until it is over. */
public interface ConcurrencyLimiter {

    /** A held slot; releasing it twice frees it once. */
    interface Slot {
        void release();
    }

    /** @return a slot when fewer than {@code limit} calls of the scope hold one, else empty */
    Optional<Slot> tryAcquire(String scopeKey, int limit);

    /** @return whether the counts are in this process's memory (then releasing never blocks on I/O) */
    boolean inMemory();
}
