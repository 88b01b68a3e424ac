package dev.llmgateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.bedrock.ConverseUsage;
import dev.llmgateway.bedrock.OneToolCall;
import dev.llmgateway.bedrock.UpstreamErrors;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.JsonStrings;
import dev.llmgateway.chat.ResponseFormat;
import dev.llmgateway.chat.StreamOutcome;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.failover.RegionAttempts;
import dev.llmgateway.guard.guardrail.AppliedGuardrail;
import dev.llmgateway.guard.pii.PiiRestoreProcessor;
import dev.llmgateway.guard.pii.StreamingRestorer;
import dev.llmgateway.guard.tokens.TokenEstimator;
import dev.llmgateway.structured.StructuredAnswers;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.camel.AsyncCallback;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;

/**
 * Relays one Bedrock ConverseStream from one region to one HTTP client as server-sent events, each delta written and
 * flushed as it arrives. The HTTP head goes out with the first upstream event: a failure before it goes back to the
 * {@link StreamFailover}, which may start the stream in another region; a failure after it ends the stream with an
 * error event. A client that leaves cancels the upstream stream. Once the head is out, the exchange ends with a
 * {@link ChatResponse} whose usage is the upstream's or, for a stream cut short, counted from what was sent. With a
 * guardrail on the call, text, tool calls and the events after them go out once the guardrail has checked them
 * ({@link GuardedStream}). Every method runs under the request's lock (the failover).
 */
final class StreamRelay {

    /**
     * Events asked of the upstream at a time, topped up at half: with one at a time the SDK stops reading the
     * connection after every event and starts again on the next request. The client's write queue still bounds what
     * is buffered: nothing more is asked while it is full.
     */
    private static final int DEMAND = 16;

    private final StreamFailover failover;
    private final GatewayCall call;
    private final HttpServerResponse response;
    private final SseFormat format;
    /** The stream's names; once reasoning went before the text, with the count of its blocks. */
    private SseFormat.StreamMeta meta;
    private final RegionAttempts.Attempt attempt;
    private final AsyncCallback callback;
    private final StringBuilder sent = new StringBuilder();
    private final StreamingRestorer piiRestorer;
    /** Holds text back until the call's guardrail checked it; null when no guardrail applies. */
    private final GuardedStream guarded;
    /** Puts redacted values back into a tool call's input; null when nothing was redacted. */
    private final UnaryOperator<String> piiValues;
    private final StreamedToolCalls toolCalls = new StreamedToolCalls();
    /** With a guardrail: the tool calls checked and sent so far, the first ones (they go out in order). */
    private int releasedToolCalls;
    private final StreamedReasoning reasoning = new StreamedReasoning();
    /** Whether the answer's text block is open: from the start, unless reasoning comes before it. */
    private boolean textStarted;
    /** For structured output: the schema the answer is checked against at its end; else null. */
    private final ResponseFormat structured;
    /** Whether the answer is a forced tool's input, streamed as the answer's text (else the model writes the text). */
    private final boolean forcedTool;
    private int answerBlock = -1;
    private DeltaEvents deltas;
    private final Link link = new Link(this);
    private Subscription subscription;
    private int demanded;
    private CompletableFuture<Void> upstream;
    private boolean headWritten;
    private boolean finished;
    private String stopReason;
    private Usage reportedUsage;

    StreamRelay(StreamFailover failover, GatewayCall call, HttpServerResponse response, SseFormat format,
                SseFormat.StreamMeta meta, RegionAttempts.Attempt attempt, AsyncCallback callback) {
        this.failover = failover;
        this.call = call;
        this.response = response;
        this.format = format;
        this.meta = meta;
        this.attempt = attempt;
        this.callback = callback;
        this.piiRestorer = PiiRestoreProcessor.streamingRestorer(call);
        this.piiValues = PiiRestoreProcessor.valueRestorer(call);
        AppliedGuardrail guardrail = AppliedGuardrail.of(call);
        this.guarded = guardrail == null ? null : new GuardedStream(failover, guardrail, new GuardedStream.Sink() {
            @Override
            public void release(String text) {
                writeText(text);
            }

            @Override
            public void stop(GatewayException error) {
                stopped(error);
            }
        });
        this.structured = call.request().responseFormat();
        this.forcedTool = structured != null && !StructuredAnswers.bedrockNative(attempt.model(), structured);
        this.deltas = new DeltaEvents(format, meta);
        this.textStarted = !meta.reasoning();
    }

    ConverseStreamResponseHandler handler() {
        Link subscriber = link; // the SDK keeps this handler: it must not capture the relay itself
        return ConverseStreamResponseHandler.builder().onEventStream(publisher -> publisher.subscribe(subscriber))
                .build();
    }

    void follow(CompletableFuture<Void> upstreamCall) {
        synchronized (failover) {
            this.upstream = upstreamCall;
        }
        upstreamCall.whenComplete((ignored, failure) -> upstreamEnded(failure));
    }

    private void subscribed(Subscription s) {
        synchronized (failover) {
            if (finished) {
                s.cancel();
            } else {
                subscription = s;
                demanded = DEMAND;
                s.request(DEMAND);
            }
        }
    }

    private void received(ConverseStreamOutput event) {
        synchronized (failover) {
            if (finished) {
                return;
            }
            demanded--;
            switch (event.sdkEventType()) {
                case MESSAGE_START -> ensureHead();
                case CONTENT_BLOCK_START -> startToolCall((ContentBlockStartEvent) event);
                case CONTENT_BLOCK_DELTA -> relayDelta((ContentBlockDeltaEvent) event);
                case CONTENT_BLOCK_STOP -> endBlock((ContentBlockStopEvent) event);
                case MESSAGE_STOP -> stopReason = ((MessageStopEvent) event).stopReasonAsString();
                case METADATA -> {
                    var usage = ((ConverseStreamMetadataEvent) event).usage();
                    if (usage != null) {
                        reportedUsage = ConverseUsage.of(usage);
                    }
                }
                default -> {
                }
            }
            requestMoreWhenWritable();
        }
    }

    private void startToolCall(ContentBlockStartEvent event) {
        if (event.start() == null || event.start().toolUse() == null) {
            return;
        }
        ensureHead();
        if (forcedTool) {
            answerBlock = event.contentBlockIndex();
            return;
        }
        flushRestorer();
        ensureText();
        var use = event.start().toolUse();
        int index = toolCalls.start(event.contentBlockIndex(), use.toolUseId(), use.name());
        if (guarded == null) {
            write(format.toolUseStart(meta, index, use.toolUseId(), use.name()));
        }
    }

    private void relayDelta(ContentBlockDeltaEvent event) {
        if (event.delta() == null) {
            return;
        }
        if (forcedTool) {
            // the answer is the forced tool's input; anything else the model says is not part of it
            if (event.delta().toolUse() != null && event.contentBlockIndex() == answerBlock) {
                relayText(event.delta().toolUse().input());
            }
        } else if (event.delta().toolUse() != null) {
            relayToolInput(event.contentBlockIndex(), event.delta().toolUse().input());
        } else if (event.delta().reasoningContent() != null) {
            relayReasoning(event.contentBlockIndex(), event.delta().reasoningContent());
        } else {
            relayText(event.delta().text());
        }
    }

    /**
     * Input fragments go to the client as they come, unless redacted values must go back in or the guardrail must
     * check the input: then the input goes whole, at its end.
     */
    private void relayToolInput(int block, String fragment) {
        int index = toolCalls.index(block);
        if (index < 0 || fragment == null || fragment.isEmpty()) {
            return;
        }
        toolCalls.append(index, fragment);
        if (piiValues == null && guarded == null) {
            write(format.toolUseDelta(meta, index, fragment));
        }
    }

    /**
     * Reasoning text goes to the client as it comes; the block's signature (or a redacted block, which comes whole)
     * is kept with it, to give it back whole at its end. The model's reasoning gets no PII restored: its signature
     * covers the text as written.
     */
    private void relayReasoning(int block, ReasoningContentBlockDelta delta) {
        ensureHead();
        int number = reasoning.number(block);
        if (delta.redactedContent() != null) {
            number = number < 0 ? reasoning.start(block) : number;
            reasoning.redact(number, delta.redactedContent().asByteArray());
            write(format.redactedReasoning(meta, number, (ContentBlock.RedactedReasoning) reasoning.whole(number)));
            return;
        }
        if (number < 0) {
            number = reasoning.start(block);
            write(format.reasoningStart(meta, number));
        }
        if (delta.signature() != null) {
            reasoning.sign(number, delta.signature());
        } else if (delta.text() != null && !delta.text().isEmpty()) {
            reasoning.appendText(number, delta.text());
            write(format.reasoningDelta(meta, number, delta.text()));
        }
    }

    private void endBlock(ContentBlockStopEvent event) {
        int thought = reasoning.number(event.contentBlockIndex());
        if (thought >= 0 && reasoning.whole(thought) instanceof ContentBlock.Reasoning whole) {
            write(format.reasoningEnd(meta, thought, whole));
            return;
        }
        int index = toolCalls.index(event.contentBlockIndex());
        if (index < 0) {
            return;
        }
        if (guarded != null) {
            // the whole call goes out once its input is checked: a blocked call shows nothing of itself
            guarded.toolInput(toolCalls.name(index), toolCalls.inputText(index), checked -> {
                toolCalls.replace(index, checked);
                releasedToolCalls++;
                response.write(format.toolUseStart(meta, index, toolCalls.id(index), toolCalls.name(index)));
                if (!checked.isEmpty()) {
                    response.write(format.toolUseDelta(meta, index, inputForClient(index)));
                }
            });
        } else if (piiValues != null) {
            write(format.toolUseDelta(meta, index, inputForClient(index)));
        }
    }

    /** The call's input as the client gets it: redacted values put back when it is JSON. */
    private String inputForClient(int index) {
        JsonNode input = toolCalls.input(index);
        return input == null || piiValues == null ? toolCalls.inputText(index)
                : JsonStrings.map(input, piiValues).toString();
    }

    private void relayText(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        ensureHead();
        ensureText();
        sent.append(text);
        if (guarded == null) {
            writeText(text);
        } else {
            guarded.text(text);
        }
    }

    /** Text the client may have: PII placeholders restored, written as the API's delta. */
    private void writeText(String text) {
        String forClient = piiRestorer == null ? text : piiRestorer.accept(text);
        if (!forClient.isEmpty()) {
            response.write(deltas.of(forClient));
        }
    }

    /** An event of the stream, in order after the text before it (which a guardrail may still be checking). */
    private void write(String event) {
        then(() -> response.write(event));
    }

    private void then(Runnable step) {
        if (guarded == null) {
            step.run();
        } else {
            guarded.then(step);
        }
    }

    private void flushRestorer() {
        then(() -> {
            if (piiRestorer != null) {
                String rest = piiRestorer.finish();
                if (!rest.isEmpty()) {
                    response.write(deltas.of(rest));
                }
            }
        });
    }

    private void requestMoreWhenWritable() {
        if (demanded > DEMAND / 2) {
            return;
        }
        if (response.writeQueueFull()) {
            response.drainHandler(drained -> requestMore());
        } else {
            subscription.request(DEMAND - demanded);
            demanded = DEMAND;
        }
    }

    private void requestMore() {
        synchronized (failover) {
            if (!finished) {
                subscription.request(DEMAND - demanded);
                demanded = DEMAND;
            }
        }
    }

    private void ensureHead() {
        if (headWritten) {
            return;
        }
        headWritten = true;
        call.setUpstreamNanos(attempt.answered());
        call.answeredBy(attempt.model());
        call.markFirstToken();
        SseResponses.open(response, call);
        response.write(format.start(meta));
    }

    /** Opens the text once the reasoning before it has ended: the client numbers the text after the reasoning. */
    private void ensureText() {
        if (textStarted) {
            return;
        }
        textStarted = true;
        meta = meta.afterReasoning(reasoning.count(), reasoning.tokens());
        deltas = new DeltaEvents(format, meta);
        write(format.textStart(meta));
    }

    private void upstreamEnded(Throwable failure) {
        synchronized (failover) {
            if (finished) {
                return;
            }
            finish();
            if (failure == null) {
                ensureHead();
                flushRestorer();
                then(this::completed);
            } else if (!headWritten) {
                failover.failedBeforeHead(this, attempt, failure);
            } else {
                if (guarded != null) {
                    guarded.abandon(); // text not yet checked never goes out
                }
                flushRestorer();
                GatewayException error = streamError(failure);
                call.fail(error);
                response.end(format.error(meta, error));
                conclude(StreamOutcome.UPSTREAM_ERROR, countedUsage());
            }
        }
    }

    /** The upstream stream ended well and everything before its end went out: the answer's end event. */
    private void completed() {
        Usage usage = reportedUsage != null ? reportedUsage : countedUsage();
        GatewayException unstructured = OneToolCall.problem(call.request(), toolCalls.count());
        if (unstructured == null && structured != null) {
            unstructured = structuredAnswerProblem();
        }
        if (unstructured != null) {
            call.fail(unstructured);
            response.end(format.error(meta, unstructured));
            conclude(StreamOutcome.UPSTREAM_ERROR, usage);
            return;
        }
        ensureText();
        response.end(format.finish(meta, stopReason, usage, toolCalls.count()));
        conclude(StreamOutcome.COMPLETED, usage);
    }

    /**
     * The guardrail blocked a chunk of the answer, or could not check it: the stream ends with the error (what was
     * released before stays sent), the upstream stream is cancelled if it still runs.
     */
    private void stopped(GatewayException error) {
        if (!finished) {
            finish();
            if (subscription != null) {
                subscription.cancel();
            }
            if (upstream != null) {
                upstream.cancel(true);
            }
        }
        call.fail(error);
        response.end(format.error(meta, error));
        conclude(StreamOutcome.UPSTREAM_ERROR, reportedUsage != null ? reportedUsage : countedUsage());
    }

    /**
     * A structured answer streamed whole is checked against its schema once it has ended (its stop reason becomes
     * end_turn); one the output limit cut, or a native one that called the request's tools instead, is left as it is.
     *
     * @return the error the stream ends with instead, or null when the answer stands
     */
    private GatewayException structuredAnswerProblem() {
        if ("max_tokens".equals(stopReason) || !forcedTool && toolCalls.count() > 0) {
            return null;
        }
        try {
            StructuredAnswers.checkedText(structured, sent.toString());
            stopReason = "end_turn";
            return null;
        } catch (GatewayException e) {
            return e;
        }
    }

    /** Called by the failover, under the request's lock, when the client's connection closed. */
    void clientLeft() {
        if (finished) {
            return;
        }
        finish();
        if (guarded != null) {
            guarded.abandon();
        }
        if (subscription != null) {
            subscription.cancel();
        }
        if (upstream != null) {
            upstream.cancel(true);
        }
        if (!headWritten) {
            attempt.abandoned();
        }
        conclude(StreamOutcome.CLIENT_DISCONNECTED, countedUsage());
    }

    private static GatewayException streamError(Throwable failure) {
        GatewayException mapped = UpstreamErrors.toGatewayException(failure);
        String detail = mapped != null ? mapped.getMessage() : "the upstream stream failed";
        return new GatewayException(502, "upstream_error", "stream_interrupted",
                "The answer broke off before it was complete (" + detail + "); what arrived is partial.",
                Map.of(), failure);
    }

    private Usage countedUsage() {
        // an estimate (Claude's tokenizer is not public), by the encoding the token limits loaded at start: loading
        // one here would hold this event loop for a second
        int output = TokenEstimator.rawCount(sent.toString()) + reasoning.tokens();
        return reportedUsage == null ? new Usage(meta.estimatedInputTokens(), output)
                : new Usage(reportedUsage.inputTokens(), output, reportedUsage.cacheReadTokens(),
                        reportedUsage.cacheWriteTokens());
    }

    private void finish() {
        finished = true;
        link.relay = null;
    }

    private void conclude(StreamOutcome outcome, Usage usage) {
        attempt.streamEnded(outcome, call.error());
        call.setStreamOutcome(outcome);
        call.setResponse(new ChatResponse(guarded == null ? sent.toString() : guarded.released(), stopReason, usage,
                attempt.target().region(), attempt.target().modelId(),
                guarded == null ? toolCalls.toolUses() : toolCalls.toolUses().subList(0, releasedToolCalls),
                reasoning.blocks()));
        callback.done(false);
    }

    /**
     * What the SDK holds of a relay: its handler and subscriber. The SDK's pooled connection keeps its last call's
     * handler until it carries another call, so an idle connection would keep the whole relay (the request, its
     * exchange, the client's HTTP response, the event-stream decoder) alive; the link lets go of the relay when the
     * stream ends.
     */
    private static final class Link implements Subscriber<ConverseStreamOutput> {

        private volatile StreamRelay relay;

        Link(StreamRelay relay) {
            this.relay = relay;
        }

        @Override
        public void onSubscribe(Subscription s) {
            StreamRelay target = relay;
            if (target == null) {
                s.cancel();
            } else {
                target.subscribed(s);
            }
        }

        @Override
        public void onNext(ConverseStreamOutput event) {
            StreamRelay target = relay;
            if (target != null) {
                target.received(event);
            }
        }

        @Override
        public void onError(Throwable t) {
            // the upstream call's future fails with the same error; the relay handles it once
        }

        @Override
        public void onComplete() {
            // the upstream call's future completes too; the relay handles it once
        }
    }
}
