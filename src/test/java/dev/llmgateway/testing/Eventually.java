package dev.llmgateway.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what another thread does (the call record written once a call is over, a background writer, a server)
 * without asserting how long it takes.
 */
public final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** @return the first value that satisfies the condition, or the last one read when none did in time */
    public static <T> T get(Supplier<T> read, Predicate<T> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T value = read.get();
        while (!condition.test(value) && System.nanoTime() < deadline) {
            pause();
            value = read.get();
        }
        return value;
    }

    /** @throws AssertionError naming what never happened */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened within " + PATIENCE.toSeconds() + " s: " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
