package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One streaming answer in flight: waits the region's first-byte latency, sends the opening frames, then
 * each content block (its start frames, one delta per token paced by event-loop timers so no thread is
 * held, its stop frames), then the closing frames, or an exception frame where the region breaks streams.
 * If the client goes away first, the pending timer is cancelled and the stream counts as cancelled.
 */
final class TokenStreamSession {
    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Map<String, String> headers;
    private final StreamDialect dialect;
    private final GeneratedAnswer answer;
    private final RegionBehaviour behaviour;
    private final RegionCounters counters;
    private final long startNanos;
    private List<Step> steps;
    private int next;
    private long timer = -1;
    private int deltasSent;
    private boolean done;
    private long firstByteLatencyMs;

    /** Frames to send together: a delta waits the region's time per token first, other frames go at once. */
    private record Step(List<byte[]> frames, boolean delta) {
    }

    TokenStreamSession(Vertx vertx, HttpServerResponse response, Map<String, String> headers, StreamDialect dialect,
                       GeneratedAnswer answer, RegionState region, long startNanos) {
        this.vertx = vertx;
        this.response = response;
        this.headers = headers;
        this.dialect = dialect;
        this.answer = answer;
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
        steps = steps();
        advance();
    }

    private List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        List<AnswerBlock> blocks = answer.blocks();
        for (int index = 0; index < blocks.size(); index++) {
            AnswerBlock block = blocks.get(index);
            steps.add(new Step(dialect.blockStart(index, block), false));
            for (String piece : block.pieces()) {
                steps.add(new Step(List.of(dialect.delta(index, block, piece)), true));
            }
            steps.add(new Step(dialect.blockStop(index, block), false));
        }
        return steps;
    }

    /** Sends steps until a delta must wait for its timer, or the stream ends or breaks. */
    private void advance() {
        long pace = behaviour.timePerTokenMs();
        while (!done) {
            if (breaksNow()) {
                breakStream();
            } else if (next == steps.size()) {
                complete();
            } else if (steps.get(next).delta() && pace > 0) {
                timer = vertx.setTimer(pace, id -> {
                    if (!done) {
                        send(steps.get(next));
                        advance();
                    }
                });
                return;
            } else {
                send(steps.get(next));
            }
        }
    }

    private void send(Step step) {
        next++;
        step.frames().forEach(this::write);
        if (step.delta()) {
            deltasSent++;
        }
    }

    private boolean breaksNow() {
        return behaviour.streamBreakAfterDeltas().isPresent() && deltasSent == behaviour.streamBreakAfterDeltas().getAsInt();
    }

    private void complete() {
        done = true;
        dialect.closing(elapsedMs(), firstByteLatencyMs).forEach(this::write);
        counters.streamCompleted();
        end();
    }

    private void breakStream() {
        done = true;
        write(EventStreamEncoder.exception(behaviour.streamBreakException().streamExceptionType(), Json.bytes(breakPayload())));
        counters.streamBroken();
        end();
    }

    private void end() {
        if (!response.closed()) {
            response.end();
        }
    }

    private ObjectNode breakPayload() {
        BedrockError error = behaviour.streamBreakException();
        ObjectNode payload = Json.object().put("message", InjectedFaultMessages.of(error));
        if (error == BedrockError.MODEL_STREAM_ERROR) {
            payload.put("originalStatusCode", 500).put("originalMessage", "The model stopped generating after " + deltasSent + " deltas.");
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
