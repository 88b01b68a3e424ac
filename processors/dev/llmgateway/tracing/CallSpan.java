package dev.llmgateway.tracing;

import static dev.llmgateway.tracing.TraceAttributes.ATTEMPT;
import static dev.llmgateway.tracing.TraceAttributes.CACHE;
import static dev.llmgateway.tracing.TraceAttributes.CLOUD_REGION;
import static dev.llmgateway.tracing.TraceAttributes.ERROR_TYPE;
import static dev.llmgateway.tracing.TraceAttributes.FALLBACK_FROM;
import static dev.llmgateway.tracing.TraceAttributes.FEATURE;
import static dev.llmgateway.tracing.TraceAttributes.FINISH_REASONS;
import static dev.llmgateway.tracing.TraceAttributes.HTTP_STATUS;
import static dev.llmgateway.tracing.TraceAttributes.INPUT_TOKENS;
import static dev.llmgateway.tracing.TraceAttributes.KEY_ID;
import static dev.llmgateway.tracing.TraceAttributes.MODEL;
import static dev.llmgateway.tracing.TraceAttributes.OPERATION;
import static dev.llmgateway.tracing.TraceAttributes.OUTCOME;
import static dev.llmgateway.tracing.TraceAttributes.OUTPUT_TOKENS;
import static dev.llmgateway.tracing.TraceAttributes.PROVIDER;
import static dev.llmgateway.tracing.TraceAttributes.PROVIDER_NAME;
import static dev.llmgateway.tracing.TraceAttributes.REQUEST_ID;
import static dev.llmgateway.tracing.TraceAttributes.REQUEST_MAX_TOKENS;
import static dev.llmgateway.tracing.TraceAttributes.REQUEST_MODEL;
import static dev.llmgateway.tracing.TraceAttributes.REQUEST_TEMPERATURE;
import static dev.llmgateway.tracing.TraceAttributes.RESPONSE_MODEL;
import static dev.llmgateway.tracing.TraceAttributes.ROUTE;
import static dev.llmgateway.tracing.TraceAttributes.SERVER_ADDRESS;
import static dev.llmgateway.tracing.TraceAttributes.STREAM;
import static dev.llmgateway.tracing.TraceAttributes.SYSTEM;
import static dev.llmgateway.tracing.TraceAttributes.TEAM;

import dev.llmgateway.chat.CacheHit;
import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.EmbeddingRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.UpstreamTrace;
import dev.llmgateway.chat.UpstreamUsage;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.record.CallRecorder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;

/**
 * The trace of one call, kept on its {@link GatewayCall}: the call's span (from its arrival to the end of its answer,
 * a stream's included), a child span per step, and per attempt at a Bedrock region a client span under the step that
 * made it. What the call was and how it ended (GenAI conventions: operation, models, tokens, finish reason) is set
 * when it ends, from the call.
 */
public final class CallSpan implements UpstreamTrace {

    private final Tracer tracer;
    private final UnaryOperator<String> serverAddress;
    private final GatewayCall call;
    private final Span span;
    private final Context context;
    private final AtomicInteger attempts = new AtomicInteger();
    /** The step running now: a region attempt's parent. Steps of a call run one after another. */
    private volatile Span openStep;

    private CallSpan(Tracer tracer, UnaryOperator<String> serverAddress, GatewayCall call, Span span, Context parent) {
        this.tracer = tracer;
        this.serverAddress = serverAddress;
        this.call = call;
        this.span = span;
        this.context = parent.with(span);
    }

    /**
     * @param parent        the caller's trace context, or the root
     * @param route         the route the call came in by, the span's name until the call says what it is
     * @param server        whether the call came over HTTP (a server span) rather than from a route in the process
     * @param serverAddress the host a region's calls go to
     */
    static CallSpan start(Tracer tracer, UnaryOperator<String> serverAddress, GatewayCall call, Context parent,
                          String route, boolean server) {
        Span span = tracer.spanBuilder(route).setParent(parent)
                .setSpanKind(server ? SpanKind.SERVER : SpanKind.INTERNAL)
                .setStartTimestamp(call.receivedAt())
                .setAttribute(REQUEST_ID, call.requestId())
                .setAttribute(ROUTE, route)
                .startSpan();
        return new CallSpan(tracer, serverAddress, call, span, parent);
    }

    Span startStep(String name) {
        Span step = tracer.spanBuilder(name).setParent(context).startSpan();
        openStep = step;
        return step;
    }

    void stepEnded(Span step, Exchange exchange) {
        Exception failure = exchange.getException();
        if (failure != null) {
            failed(step, failure instanceof GatewayException gateway ? gateway.code() : failure.getClass().getName());
        }
        endStep(step);
    }

    void stepThrew(Span step, Throwable failure) {
        failed(step, failure.getClass().getName());
        endStep(step);
    }

    private void endStep(Span step) {
        if (openStep == step) {
            openStep = null;
        }
        step.end();
    }

    @Override
    public Attempt attempt(ModelSpec model, ModelSpec.RegionTarget target) {
        Span step = openStep;
        String operation = operation();
        Span attempt = tracer.spanBuilder(operation + " " + target.modelId())
                .setParent(context.with(step != null ? step : span))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, operation)
                .setAttribute(PROVIDER_NAME, PROVIDER)
                .setAttribute(SYSTEM, PROVIDER)
                .setAttribute(REQUEST_MODEL, target.modelId())
                .setAttribute(MODEL, model.alias())
                .setAttribute(SERVER_ADDRESS, serverAddress.apply(target.region()))
                .setAttribute(CLOUD_REGION, target.region())
                .setAttribute(ATTEMPT, (long) attempts.incrementAndGet())
                .startSpan();
        ChatRequest request = call.requestOrNull();
        return new AttemptSpan(attempt, request != null && request.stream());
    }

    /** The call is over (its answer written, its stream ended, or refused): says what it was and ends its span. */
    void end(Exchange exchange) {
        if (span.isRecording()) {
            describeModelCall();
            describeCaller();
            span.setAttribute(HTTP_STATUS, (long) CallRecorder.status(exchange, call));
            span.setAttribute(OUTCOME, CallRecorder.outcome(call));
            GatewayException error = call.error();
            if (error != null) {
                failed(span, error.code());
            } else if (exchange.getException() != null) {
                failed(span, exchange.getException().getClass().getName());
            }
        }
        span.end();
    }

    private void describeModelCall() {
        ChatRequest request = call.requestOrNull();
        EmbeddingRequest embeddings = call.embeddingRequestOrNull();
        if (request == null && embeddings == null) {
            return;
        }
        String operation = operation();
        String requested = request != null ? request.model() : embeddings.model();
        span.updateName(operation + " " + requested);
        span.setAttribute(OPERATION, operation);
        span.setAttribute(PROVIDER_NAME, PROVIDER);
        span.setAttribute(SYSTEM, PROVIDER);
        span.setAttribute(REQUEST_MODEL, requested);
        if (request != null) {
            span.setAttribute(STREAM, request.stream());
            if (request.maxTokens() != null) {
                span.setAttribute(REQUEST_MAX_TOKENS, (long) request.maxTokens());
            }
            if (request.temperature() != null) {
                span.setAttribute(REQUEST_TEMPERATURE, request.temperature());
            }
        }
        if (call.modelOrNull() != null) {
            span.setAttribute(MODEL, call.answeringAlias());
            if (call.fallbackFrom() != null) {
                span.setAttribute(FALLBACK_FROM, call.fallbackFrom());
            }
        }
        describeAnswer();
    }

    private void describeAnswer() {
        CacheHit hit = call.cacheHit();
        UpstreamUsage answer = call.answerUsageOrNull();
        if (hit != null) {
            span.setAttribute(CACHE, hit.kind().name().toLowerCase(Locale.ROOT));
        } else if (answer != null) {
            span.setAttribute(RESPONSE_MODEL, answer.modelId());
            span.setAttribute(CLOUD_REGION, answer.region());
            Usage usage = answer.usage();
            if (usage != null) {
                span.setAttribute(INPUT_TOKENS, (long) usage.inputTokens());
                span.setAttribute(OUTPUT_TOKENS, (long) usage.outputTokens());
            }
        }
        ChatResponse response = call.responseOrNull();
        if (response != null && response.stopReason() != null) {
            span.setAttribute(FINISH_REASONS, List.of(response.stopReason()));
        }
    }

    private void describeCaller() {
        Caller caller = call.callerOrNull();
        if (caller == null) {
            return;
        }
        setIfPresent(TEAM, caller.team());
        setIfPresent(FEATURE, caller.feature());
        setIfPresent(KEY_ID, caller.keyId());
    }

    private void setIfPresent(io.opentelemetry.api.common.AttributeKey<String> key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
    }

    private String operation() {
        return call.embeddingRequestOrNull() != null ? "embeddings" : "chat";
    }

    static void failed(Span span, String errorType) {
        span.setAttribute(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, errorType);
    }
}
