package dev.llmgateway.bench;

import java.util.concurrent.TimeUnit;

/**
 * How late a thread of the load client woke from 1-ms sleeps while a level ran: a thread that asks for the CPU a
 * thousand times a second sees the stalls every process on the machine meets (the virtual machine not running, the
 * cores taken, this process's own pauses). A latency tail no longer than these stalls is the machine's, not the
 * path's.
 */
final class WakeUpDelays {

    private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Thread sleeper = new Thread(this::sleepAndMeasure, "wake-up-delays");
    private volatile boolean running = true;
    private int late;
    private long worstNanos;

    private WakeUpDelays() {
    }

    static WakeUpDelays start() {
        WakeUpDelays delays = new WakeUpDelays();
        delays.sleeper.setDaemon(true);
        delays.sleeper.start();
        return delays;
    }

    /** Wake-ups over 10 ms late, and the latest. */
    record Summary(int late, double worstMs) {
        @Override
        public String toString() {
            return String.format("%d (%.0f)", late, worstMs);
        }
    }

    Summary stop() throws InterruptedException {
        running = false;
        sleeper.join();
        return new Summary(late, worstNanos / 1e6);
    }

    private void sleepAndMeasure() {
        long asked = TimeUnit.MILLISECONDS.toNanos(1);
        while (running) {
            long before = System.nanoTime();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
            long overshoot = System.nanoTime() - before - asked;
            if (overshoot > LATE_NANOS) {
                late++;
            }
            worstNanos = Math.max(worstNanos, overshoot);
        }
    }
}
