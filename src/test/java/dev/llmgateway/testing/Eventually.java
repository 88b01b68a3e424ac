package dev.llmgateway.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread does (a background writer, a server) without asserting how long it takes. */
public final class Eventually {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** @throws AssertionError naming what never happened */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened within " + PATIENCE.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
