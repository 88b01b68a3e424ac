package dev.llmgateway.limits;

import dev.llmgateway.chat.CallReservation;
import dev.llmgateway.chat.CallUsage;
import java.util.List;

/** What one admitted call holds of its rate limits: tokens in the buckets and concurrency slots. */
final class RateReservation implements CallReservation {

    private final RateLimiter limiter;
    private final List<RateCheck.Outcome> taken;
    private final long reservedTokens;
    private final List<ConcurrencyLimiter.Slot> slots;
    private final boolean inMemory;

    RateReservation(RateLimiter limiter, List<RateCheck.Outcome> taken, long reservedTokens,
                    List<ConcurrencyLimiter.Slot> slots, boolean inMemory) {
        this.limiter = limiter;
        this.taken = taken;
        this.reservedTokens = reservedTokens;
        this.slots = slots;
        this.inMemory = inMemory;
    }

    /** Frees every slot even when one fails to (a shared lease then expires on its own), then settles the tokens. */
    @Override
    public void settle(CallUsage usage) {
        RuntimeException failure = null;
        for (ConcurrencyLimiter.Slot slot : slots) {
            try {
                slot.release();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        limiter.settle(taken, reservedTokens, usage.tokens());
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean inMemory() {
        return inMemory;
    }
}
