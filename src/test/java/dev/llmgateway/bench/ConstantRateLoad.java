package dev.llmgateway.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load at a fixed request rate, wrk2-style (see {@link OpenLoopSchedule}): each latency is measured
 * from the request's scheduled start.
 */
final class ConstantRateLoad {

    /**
     * What one run measured.
     *
     * @param failures how many calls failed, by status code, exception or how far an unanswered call got
     */
    record Result(Histogram latencyMicros, int sent, int ok, int failed, Map<String, Integer> failures, double seconds) {
        double achievedRate() {
            return ok / seconds;
        }
    }

    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    private final Vertx vertx;
    private final Context context;
    private final HttpClient client;

    ConstantRateLoad(int connections) {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** Sends {@code bodies.apply(i)} as the i-th request. */
    Result run(URI uri, Map<String, String> headers, IntFunction<String> bodies, int ratePerSecond, double seconds)
            throws InterruptedException {
        int total = (int) (ratePerSecond * seconds);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        LoadTally tally = new LoadTally(total);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost())
                .setPort(uri.getPort()).setURI(uri.getRawPath());
        headers.forEach(options::addHeader);
        long start = OpenLoopSchedule.run(total, intervalNanos, (i, scheduled) -> {
            tally.scheduled(i, scheduled);
            // Vert.x never completes a response's body() asked for after the response has ended. Chained on
            // the client's event loop, a call's whole chain is in place before any of its response is read;
            // chained from the schedule's thread, a fast exchange could end between two compose calls.
            context.runOnContext(v -> send(options, Buffer.buffer(bodies.apply(i)), i, tally));
        });
        tally.awaitAnswers(ANSWER_TIMEOUT_SECONDS);
        return tally.result((System.nanoTime() - start) / 1e9);
    }

    private void send(RequestOptions options, Buffer body, int index, LoadTally tally) {
        client.request(options)
                .compose(request -> {
                    tally.reached(index, LoadTally.Stage.SENT);
                    return request.send(body);
                })
                .compose(response -> {
                    tally.reached(index, LoadTally.Stage.RESPONDING);
                    return response.body().map(response.statusCode());
                })
                .onComplete(status -> tally.answered(index, status));
    }

    void close() {
        client.close();
        vertx.close();
    }
}
