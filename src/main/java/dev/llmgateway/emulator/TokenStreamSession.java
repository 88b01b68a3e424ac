package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One streaming answer in flight: waits the region's first-byte latency, sends the opening frames,
 * then one delta per token paced by event-loop timers (no thread is held), then the closing frames,
 * or an exception frame where the region breaks streams. If the client goes away first, the pending
 * timer is cancelled and the stream counts as cancelled.
 */
final class TokenStreamSession {
    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Map<String, String> headers;
    private final StreamDialect dialect;
    private final List<String> pieces;
    private final RegionBehaviour behaviour;
    private final RegionCounters counters;
    private final long startNanos;
    private long timer = -1;
    private int sent;
    private boolean done;
    private long firstByteLatencyMs;

    TokenStreamSession(Vertx vertx, HttpServerResponse response, Map<String, String> headers, StreamDialect dialect,
                       GeneratedAnswer answer, RegionState region, long startNanos) {
        this.vertx = vertx;
        this.response = response;
        this.headers = headers;
        this.dialect = dialect;
        this.pieces = answer.pieces();
        this.behaviour = region.behaviour();
        this.counters = region.counters();
        this.startNanos = startNanos;
    }

    void start() {
        counters.streamStarted();
        response.closeHandler(v -> clientGone());
        long latency = behaviour.firstByteLatencyMs();
        if (latency > 0) {
            timer = vertx.setTimer(latency, id -> open());
        } else {
            open();
        }
    }

    private void open() {
        if (done) {
            return;
        }
        response.setStatusCode(200).setChunked(true);
        headers.forEach(response::putHeader);
        firstByteLatencyMs = elapsedMs();
        dialect.opening().forEach(this::write);
        if (pieces.isEmpty() || breaksNow()) {
            endAfterLastDelta();
        } else {
            sendRemaining();
        }
    }

    private void sendRemaining() {
        long pace = behaviour.timePerTokenMs();
        if (pace == 0) {
            while (!done) {
                sendNextDelta();
            }
        } else {
            timer = vertx.setTimer(pace, id -> {
                sendNextDelta();
                if (!done) {
                    sendRemaining();
                }
            });
        }
    }

    private void sendNextDelta() {
        if (done) {
            return;
        }
        write(dialect.delta(pieces.get(sent++)));
        if (sent == pieces.size() || breaksNow()) {
            endAfterLastDelta();
        }
    }

    private boolean breaksNow() {
        return behaviour.streamBreakAfterDeltas().isPresent() && sent == behaviour.streamBreakAfterDeltas().getAsInt();
    }

    private void endAfterLastDelta() {
        done = true;
        if (breaksNow()) {
            write(EventStreamEncoder.exception(behaviour.streamBreakException().streamExceptionType(), Json.bytes(breakPayload())));
            counters.streamBroken();
        } else {
            dialect.closing(elapsedMs(), firstByteLatencyMs).forEach(this::write);
            counters.streamCompleted();
        }
        if (!response.closed()) {
            response.end();
        }
    }

    private ObjectNode breakPayload() {
        BedrockError error = behaviour.streamBreakException();
        ObjectNode payload = Json.object().put("message", InjectedFaultMessages.of(error));
        if (error == BedrockError.MODEL_STREAM_ERROR) {
            payload.put("originalStatusCode", 500).put("originalMessage", "The model stopped generating after " + sent + " deltas.");
        }
        return payload;
    }

    private void clientGone() {
        if (!done) {
            done = true;
            vertx.cancelTimer(timer);
            counters.streamCancelledByClient();
        }
    }

    private void write(byte[] frame) {
        if (!response.closed()) {
            response.write(Buffer.buffer(frame));
        }
    }

    private long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
