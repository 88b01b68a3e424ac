package dev.llmgateway.budget;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gives back, every so often, budget reservations whose calls never settled them (their instance died). */
public final class ExpiredReservationSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredReservationSweeper.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "budget-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    public ExpiredReservationSweeper(BudgetStore store, Duration every) {
        scheduler.scheduleWithFixedDelay(() -> sweep(store), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void sweep(BudgetStore store) {
        try {
            int released = store.releaseExpired();
            if (released > 0) {
                LOG.warn("Gave back {} budget reservations whose calls never settled them", released);
            }
        } catch (RuntimeException e) {
            LOG.error("Sweeping expired budget reservations failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
