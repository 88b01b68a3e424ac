package dev.llmgateway.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.slf4j.MDC;

/**
 * Runs one request's batches with at most {@code concurrency} of them in flight: the request's own thread and up to
 * {@code concurrency - 1} helpers from a shared pool take the next batch until none is left, so the answers come back
 * in the batches' order whoever ran them. When the pool has no free thread the request's thread runs the helper's
 * share itself, so a busy gateway slows down rather than queueing without bound. The first failure stops the batches
 * not yet started and is thrown.
 */
public final class BoundedBatches implements AutoCloseable {

    private final int concurrency;
    private final ExecutorService helpers;

    /**
     * @param concurrency batches of one request in flight at once
     * @param maxThreads  helper threads of all requests together
     */
    public BoundedBatches(int concurrency, int maxThreads) {
        this.concurrency = concurrency;
        AtomicInteger threads = new AtomicInteger();
        this.helpers = new ThreadPoolExecutor(0, maxThreads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "embeddings-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** @return each batch's result, in the batches' order */
    public <T> List<T> run(int batches, IntFunction<T> batch) throws InterruptedException {
        AtomicReferenceArray<T> results = new AtomicReferenceArray<>(batches);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < batches && failure.get() == null; i = next.getAndIncrement()) {
                try {
                    results.set(i, batch.apply(i));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int helperCount = Math.min(concurrency, batches) - 1;
        CountDownLatch helpersDone = new CountDownLatch(Math.max(0, helperCount));
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        for (int h = 0; h < helperCount; h++) {
            helpers.execute(() -> {
                Map<String, String> previous = MDC.getCopyOfContextMap();
                setContext(logContext);
                try {
                    worker.run();
                } finally {
                    setContext(previous);
                    helpersDone.countDown();
                }
            });
        }
        worker.run();
        helpersDone.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        List<T> ordered = new ArrayList<>(batches);
        for (int i = 0; i < batches; i++) {
            ordered.add(results.get(i));
        }
        return ordered;
    }

    private static void setContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }

    @Override
    public void close() {
        helpers.shutdownNow();
    }
}
