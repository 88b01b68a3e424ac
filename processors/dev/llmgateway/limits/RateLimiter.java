package dev.llmgateway.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes one call's share from each of its rate limits: one request, and its reserved tokens. A call refused by any
 * limit takes nothing from the others. Once the call is over, {@link #settle} gives back the reserved tokens it did
 * not use (or takes what it used beyond them).
 */
public final class RateLimiter {

    private final BucketStore store;

    public RateLimiter(BucketStore store) {
        this.store = store;
    }

    public RateCheck admit(List<RateLimit> limits, long reservedTokens) {
        List<RateCheck.Outcome> outcomes = new ArrayList<>(limits.size());
        for (RateLimit limit : limits) {
            long amount = limit.dimension() == RateDimension.REQUESTS ? 1 : reservedTokens;
            outcomes.add(new RateCheck.Outcome(limit, amount,
                    store.bucket(limit).tryConsumeAndReturnRemaining(amount)));
        }
        RateCheck check = new RateCheck(outcomes);
        if (!check.admitted()) {
            giveBack(check.taken());
        }
        return check;
    }

    /** Gives back everything an admitted check took (the call was refused by a later step of its own). */
    public void giveBack(List<RateCheck.Outcome> taken) {
        taken.forEach(o -> store.bucket(o.limit()).addTokens(o.amount()));
    }

    /** Settles the token limits of a finished call to the tokens it really used. */
    public void settle(List<RateCheck.Outcome> taken, long reservedTokens, long usedTokens) {
        long unused = reservedTokens - usedTokens;
        for (RateCheck.Outcome outcome : taken) {
            if (outcome.limit().dimension() != RateDimension.TOKENS || unused == 0) {
                continue;
            }
            if (unused > 0) {
                store.bucket(outcome.limit()).addTokens(unused);
            } else {
                store.bucket(outcome.limit()).consumeIgnoringRateLimits(-unused);
            }
        }
    }

    public boolean inMemory() {
        return store.inMemory();
    }
}
