package dev.llmgateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load at a fixed request rate, wrk2-style (see {@link OpenLoopSchedule}): each latency is measured
 * from the request's scheduled start.
 */
final class ConstantRateLoad {

    /** What one run measured. */
    /** @param failures how many calls failed, by status code or exception */
    record Result(Histogram latencyMicros, int sent, int ok, int failed, Map<String, Integer> failures, double seconds) {
        double achievedRate() {
            return ok / seconds;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;

    ConstantRateLoad(int connections) {
        vertx = Vertx.vertx();
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Sends {@code bodies.apply(i)} as the i-th request. */
    Result run(URI uri, Map<String, String> headers, IntFunction<String> bodies, int ratePerSecond, double seconds)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        int total = (int) (ratePerSecond * seconds);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost())
                .setPort(uri.getPort()).setURI(uri.getRawPath());
        headers.forEach(options::addHeader);
        long start = OpenLoopSchedule.run(total, intervalNanos, (i, scheduled) -> client.request(options)
                .compose(request -> request.send(Buffer.buffer(bodies.apply(i))))
                .compose(response -> response.body().map(response.statusCode()))
                .onComplete(result -> {
                    recorder.recordValue(Math.max(1, (System.nanoTime() - scheduled) / 1000));
                    if (result.succeeded() && result.result() == 200) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        failures.merge(result.succeeded() ? "HTTP " + result.result()
                                : result.cause().getClass().getSimpleName() + ": " + result.cause().getMessage(), 1, Integer::sum);
                    }
                    done.countDown();
                }));
        if (!done.await(60, TimeUnit.SECONDS)) {
            failed.addAndGet((int) done.getCount());
            failures.merge("no answer within 60 s", (int) done.getCount(), Integer::sum);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(recorder.getIntervalHistogram(), total, ok.get(), failed.get(), Map.copyOf(failures), elapsed);
    }

    void close() {
        client.close();
        vertx.close();
    }
}
