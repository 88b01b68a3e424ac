package dev.llmgateway.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Requests-per-minute and tokens-per-minute over a sliding 60-second window; a limit of 0 is unlimited. */
final class SlidingWindowQuota {
    static final String TOO_MANY_REQUESTS = "Too many requests, please wait before trying again.";
    static final String TOO_MANY_TOKENS = "Too many tokens, please wait before trying again.";
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);

    private record Admission(long atNanos, long tokens) {
    }

    private final int requestsPerMinute;
    private final int tokensPerMinute;
    private final LongSupplier nanoClock;
    private final Deque<Admission> window = new ArrayDeque<>();
    private long tokensInWindow;

    SlidingWindowQuota(int requestsPerMinute, int tokensPerMinute, LongSupplier nanoClock) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.nanoClock = nanoClock;
    }

    /** Admits a request of this many tokens, or says which quota it would break (the throttling message). */
    synchronized Optional<String> tryAdmit(long tokens) {
        long now = nanoClock.getAsLong();
        while (!window.isEmpty() && now - window.peekFirst().atNanos() >= WINDOW_NANOS) {
            tokensInWindow -= window.pollFirst().tokens();
        }
        if (requestsPerMinute > 0 && window.size() >= requestsPerMinute) {
            return Optional.of(TOO_MANY_REQUESTS);
        }
        if (tokensPerMinute > 0 && tokensInWindow + tokens > tokensPerMinute) {
            return Optional.of(TOO_MANY_TOKENS);
        }
        window.addLast(new Admission(now, tokens));
        tokensInWindow += tokens;
        return Optional.empty();
    }
}
