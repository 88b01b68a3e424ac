package dev.llmgateway.bench;

import io.vertx.core.AsyncResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;

/**
 * The outcome of one run's requests. Each request counts once: when its answer comes, or, if the run stops waiting
 * first, as a failure that says how far it got. Every request's latency, failed or not, is taken from its scheduled
 * start.
 */
final class LoadTally {

    /** How far a request has got. */
    enum Stage {
        NOT_SENT("never sent"),
        SENT("sent, no response"),
        RESPONDING("response began, its body never ended");

        private final String description;

        Stage(String description) {
            this.description = description;
        }
    }

    private record Pending(long scheduledNanos, Stage stage) {
    }

    private final int total;
    private final Recorder latencyMicros = new Recorder(3);
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final CountDownLatch unanswered;

    LoadTally(int total) {
        this.total = total;
        unanswered = new CountDownLatch(total);
    }

    void scheduled(int index, long scheduledNanos) {
        pending.put(index, new Pending(scheduledNanos, Stage.NOT_SENT));
    }

    void reached(int index, Stage stage) {
        pending.computeIfPresent(index, (i, request) -> new Pending(request.scheduledNanos(), stage));
    }

    /** An answer to a request already given up on is ignored: that request has been counted. */
    void answered(int index, AsyncResult<Integer> status) {
        Pending request = pending.remove(index);
        if (request == null) {
            return;
        }
        recordLatency(request);
        if (status.succeeded() && status.result() == 200) {
            ok.incrementAndGet();
        } else {
            fail(status.succeeded() ? "HTTP " + status.result()
                    : status.cause().getClass().getSimpleName() + ": " + status.cause().getMessage());
        }
        unanswered.countDown();
    }

    /** Waits up to {@code seconds} for the answers still due; the requests still unanswered then fail. */
    void awaitAnswers(long seconds) throws InterruptedException {
        if (unanswered.await(seconds, TimeUnit.SECONDS)) {
            return;
        }
        for (Integer index : pending.keySet()) {
            Pending request = pending.remove(index);
            if (request != null) {
                recordLatency(request);
                fail("no answer within " + seconds + " s (" + request.stage().description + ")");
            }
        }
    }

    ConstantRateLoad.Result result(double seconds) {
        return new ConstantRateLoad.Result(latencyMicros.getIntervalHistogram(), total, ok.get(), failed.get(),
                Map.copyOf(failures), seconds);
    }

    private void recordLatency(Pending request) {
        latencyMicros.recordValue(Math.max(1, (System.nanoTime() - request.scheduledNanos()) / 1000));
    }

    private void fail(String reason) {
        failed.incrementAndGet();
        failures.merge(reason, 1, Integer::sum);
    }
}
