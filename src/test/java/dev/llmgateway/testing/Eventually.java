package dev.llmgateway.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what the gateway records once a call is over: the client can have its answer a moment before the call
 * record (and so the request log line and the metrics) is written.
 */
public final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private Eventually() {
    }

    /** @return the first value that satisfies the condition, or the last one read when none did in time */
    public static <T> T get(Supplier<T> read, Predicate<T> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T value = read.get();
        while (!condition.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        return value;
    }
}
