package dev.llmgateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WheelTimerSchedulerTest {

    private final WheelTimerScheduler scheduler = new WheelTimerScheduler("test-timeouts", 10);

    @AfterEach
    void stop() {
        scheduler.shutdown();
    }

    @Test
    void aTaskRunsNotBeforeItsDelayAndItsFutureHoldsTheResult() throws Exception {
        long start = System.nanoTime();

        ScheduledFuture<String> future = scheduler.schedule(() -> "ran", 50, TimeUnit.MILLISECONDS);

        assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(future.isDone()).isTrue();
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> cancelled = scheduler.schedule(runs::incrementAndGet, 50, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> later = scheduler.schedule(() -> { }, 150, TimeUnit.MILLISECONDS);

        assertThat(cancelled.cancel(false)).isTrue();
        later.get(5, TimeUnit.SECONDS);

        assertThat(runs).hasValue(0);
        assertThat(cancelled.isCancelled()).isTrue();
    }

    @Test
    void cancelledTasksLeaveTheWheelAtOnceRatherThanAtTheirDeadline() throws Exception {
        List<ScheduledFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            calls.add(scheduler.schedule(() -> { }, 1, TimeUnit.MINUTES));
        }

        calls.forEach(call -> call.cancel(false));
        scheduler.schedule(() -> { }, 50, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);

        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void aTaskKnowsHowLongUntilItRuns() {
        ScheduledFuture<?> soon = scheduler.schedule(() -> { }, 1, TimeUnit.MINUTES);
        ScheduledFuture<?> later = scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);

        assertThat(soon.getDelay(TimeUnit.SECONDS)).isBetween(1L, 60L);
        assertThat(soon.compareTo(later)).isNegative();
    }

    @Test
    void aRepeatingTaskRunsAgainUntilCancelled() throws Exception {
        CountDownLatch threeAtRate = new CountDownLatch(3);
        CountDownLatch threeWithDelay = new CountDownLatch(3);
        ScheduledFuture<?> atRate = scheduler.scheduleAtFixedRate(threeAtRate::countDown, 0, 20, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> withDelay = scheduler.scheduleWithFixedDelay(threeWithDelay::countDown, 0, 20,
                TimeUnit.MILLISECONDS);

        assertThat(threeAtRate.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(threeWithDelay.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(atRate.cancel(false)).isTrue();
        assertThat(withDelay.cancel(false)).isTrue();
        scheduler.schedule(() -> { }, 50, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);

        assertThat(scheduler.pendingTasks()).as("cancelled repeating tasks leave the wheel").isZero();
    }

    @Test
    void aRepeatingTaskNeedsAPeriod() {
        assertThatThrownBy(() -> scheduler.scheduleAtFixedRate(() -> { }, 1, 0, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shuttingDownHandsBackTheTasksThatHadNotRun() {
        ScheduledFuture<?> pending = scheduler.schedule(() -> { }, 1, TimeUnit.MINUTES);

        assertThat(scheduler.shutdownNow()).containsExactly((Runnable) pending);
        assertThat(scheduler.isShutdown()).isTrue();
        assertThat(scheduler.isTerminated()).isTrue();
    }
}
