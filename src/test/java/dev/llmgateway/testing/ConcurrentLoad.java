package dev.llmgateway.testing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Clients calling the gateway in a loop, each on its own thread, until stopped. Every request carries its own
 * {@code x-request-id} (long enough for the gateway to take it); each one sent is remembered with how it ended, so a test can match answers with ledger rows.
 * A request has a bounded timeout: one that does not end in time is recorded as {@link Reply#TIMED_OUT}.
 */
public final class ConcurrentLoad implements AutoCloseable {

    /** How one request ended: its HTTP status and body, or no status when the connection failed or timed out. */
    public record Reply(String requestId, int status, String body, Map<String, List<String>> headers, String failure,
                        long endedNanos) {

        public static final String TIMED_OUT = "timed out";

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        @Override
        public String toString() {
            return requestId + " " + (failure != null ? failure : status + " " + body);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Function<String, HttpRequest.Builder> request;
    private final String prefix;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, Boolean> sent = new ConcurrentHashMap<>();
    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean stopping;

    private ConcurrentLoad(Function<String, HttpRequest.Builder> request, String prefix) {
        this.request = request;
        this.prefix = prefix;
    }

    /**
     * @param request the request to send, given the request id it is sent with (which this adds as x-request-id)
     */
    public static ConcurrentLoad start(int clients, String prefix, Function<String, HttpRequest.Builder> request) {
        ConcurrentLoad load = new ConcurrentLoad(request, prefix);
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(load::callUntilStopped, prefix + "-client-" + i);
            load.clients.add(client);
            client.start();
        }
        return load;
    }

    /** Sends this many requests at once, one per thread; @return their replies, once all have ended */
    public static List<Reply> sendAtOnce(int count, String prefix, Function<String, HttpRequest.Builder> request)
            throws InterruptedException {
        ConcurrentLoad load = new ConcurrentLoad(request, prefix);
        for (int i = 0; i < count; i++) {
            Thread client = new Thread(load::callOnce, prefix + "-client-" + i);
            load.clients.add(client);
            client.start();
        }
        return load.stop();
    }

    /** Waits until this many more requests have ended (whatever their answer). */
    public void awaitMoreReplies(int more) {
        int target = replies.size() + more;
        Eventually.until(more + " more replies from the load " + prefix, () -> replies.size() >= target);
    }

    /** Stops sending and waits for the requests in flight to end; @return every reply */
    public List<Reply> stop() throws InterruptedException {
        stopping = true;
        for (Thread client : clients) {
            client.join();
        }
        return List.copyOf(replies);
    }

    /** @return the id of every request sent, answered or not */
    public List<String> sentRequestIds() {
        return List.copyOf(sent.keySet());
    }

    public List<Reply> replies() {
        return List.copyOf(replies);
    }

    private void callUntilStopped() {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            callOnce();
        }
    }

    private void callOnce() {
        String id = "%s-%08d".formatted(prefix, sequence.incrementAndGet());
        sent.put(id, true);
        replies.add(call(id));
    }

    private Reply call(String id) {
        try {
            HttpResponse<String> response = http.send(request.apply(id).header("x-request-id", id).timeout(TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(id, response.statusCode(), response.body(), response.headers().map(), null,
                    System.nanoTime());
        } catch (java.net.http.HttpTimeoutException e) {
            return new Reply(id, 0, null, Map.of(), Reply.TIMED_OUT, System.nanoTime());
        } catch (IOException e) {
            return new Reply(id, 0, null, Map.of(), e.toString(), System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(id, 0, null, Map.of(), e.toString(), System.nanoTime());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
