package dev.llmgateway.bench;

import java.util.concurrent.TimeUnit;

/**
 * Starts actions on a fixed schedule, one every {@code intervalNanos}, whether or not earlier ones have finished
 * (open loop). Each action gets its scheduled start, so whoever measures it can count from there: a stall in the
 * system under test then shows as latency instead of hiding as a lower rate (no coordinated omission).
 */
final class OpenLoopSchedule {

    interface Action {
        void start(int index, long scheduledNanos);
    }

    private OpenLoopSchedule() {
    }

    /** Returns when the last action has been started; the result is the schedule's start ({@link System#nanoTime}). */
    static long run(int count, long intervalNanos, Action action) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long scheduled = start + i * intervalNanos;
            // sleeping rather than spinning: on a small machine a spinning client takes a core from the system under test
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            action.start(i, scheduled);
        }
        return start;
    }
}
