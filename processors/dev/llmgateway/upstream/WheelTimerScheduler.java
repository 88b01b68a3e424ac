package dev.llmgateway.upstream;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Scheduling on Netty's {@link HashedWheelTimer}, for the AWS SDK's call timeouts: every Bedrock call
 * schedules one and cancels it when it answers. A {@code ScheduledThreadPoolExecutor} wakes its thread each time a
 * new task becomes the earliest, which at a thousand calls a second is a thousand thread wake-ups for timeouts that
 * almost never fire; the wheel takes and cancels tasks through lock-free queues and its thread wakes once a tick.
 * A task runs up to one tick late. Shutting down drops the tasks not yet run: the timeouts of calls closing with
 * their clients.
 */
final class WheelTimerScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final HashedWheelTimer timer;
    private volatile boolean shutdown;

    WheelTimerScheduler(String threadName, long tickMillis) {
        timer = new HashedWheelTimer(new DefaultThreadFactory(threadName, true), tickMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(Executors.callable(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return onWheel(callable, delay, 0, unit);
    }

    /** @param periodNanos positive: the time between starts; negative: the time from one run's end to the next */
    private ScheduledFuture<?> scheduleRepeating(Runnable command, long initialDelay, long periodNanos, TimeUnit unit) {
        if (periodNanos == 0) {
            throw new IllegalArgumentException("a repeating task needs a period or delay above zero");
        }
        return onWheel(Executors.callable(command), initialDelay, periodNanos, unit);
    }

    private <V> WheelTask<V> onWheel(Callable<V> callable, long delay, long periodNanos, TimeUnit unit) {
        WheelTask<V> task = new WheelTask<>(callable, System.nanoTime() + unit.toNanos(delay), periodNanos);
        task.timeout = timer.newTimeout(task, delay, unit);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return scheduleRepeating(command, initialDelay, unit.toNanos(period), unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleRepeating(command, initialDelay, -unit.toNanos(delay), unit);
    }

    @Override
    public void shutdown() {
        shutdownNow();
    }

    /** @return the tasks that had not run; the wheel's thread has ended when this returns */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        return timer.stop().stream().map(timeout -> (Runnable) timeout.task()).toList();
    }

    /** @return the tasks on the wheel; a cancelled one leaves it at the next tick */
    long pendingTasks() {
        return timer.pendingTimeouts();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }

    /**
     * A scheduled task: its result as a future, cancelled on the wheel too so that it leaves the wheel at once. A
     * repeating one goes back on the wheel after each run that neither failed nor was cancelled.
     */
    private final class WheelTask<V> extends FutureTask<V> implements ScheduledFuture<V>, TimerTask {

        private final long periodNanos;
        private volatile long deadlineNanos;
        private volatile Timeout timeout;

        WheelTask(Callable<V> callable, long deadlineNanos, long periodNanos) {
            super(callable);
            this.deadlineNanos = deadlineNanos;
            this.periodNanos = periodNanos;
        }

        @Override
        public void run(Timeout ignored) {
            if (periodNanos == 0) {
                run();
            } else if (runAndReset()) {
                deadlineNanos = periodNanos > 0 ? deadlineNanos + periodNanos : System.nanoTime() - periodNanos;
                timeout = timer.newTimeout(this, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            Timeout scheduled = timeout;
            if (cancelled && scheduled != null) {
                scheduled.cancel();
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
