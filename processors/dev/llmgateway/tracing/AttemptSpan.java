package dev.llmgateway.tracing;

import static dev.llmgateway.tracing.TraceAttributes.HTTP_STATUS;
import static dev.llmgateway.tracing.TraceAttributes.OUTCOME;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.StreamOutcome;
import dev.llmgateway.chat.UpstreamTrace;
import io.opentelemetry.api.trace.Span;

/** The client span of one attempt at a Bedrock region; a stream's lasts until the stream ends. */
final class AttemptSpan implements UpstreamTrace.Attempt {

    private final Span span;
    private final boolean streamed;
    private boolean ended;

    AttemptSpan(Span span, boolean streamed) {
        this.span = span;
        this.streamed = streamed;
    }

    @Override
    public synchronized void answered() {
        if (streamed) {
            span.addEvent("first_event");
        } else {
            end();
        }
    }

    @Override
    public synchronized void failed(GatewayException mapped) {
        if (ended) {
            return;
        }
        if (mapped == null) {
            CallSpan.failed(span, "internal_error");
        } else {
            span.setAttribute(HTTP_STATUS, (long) mapped.status());
            CallSpan.failed(span, mapped.code());
        }
        end();
    }

    @Override
    public synchronized void abandoned() {
        if (!ended) {
            span.setAttribute(OUTCOME, "abandoned");
            end();
        }
    }

    @Override
    public synchronized void streamEnded(StreamOutcome outcome, GatewayException error) {
        if (ended) {
            return;
        }
        span.setAttribute(OUTCOME, outcome.code());
        if (error != null) {
            CallSpan.failed(span, error.code());
        }
        end();
    }

    private void end() {
        if (!ended) {
            ended = true;
            span.end();
        }
    }
}
