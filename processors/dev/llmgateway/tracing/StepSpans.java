package dev.llmgateway.tracing;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.NoStep;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NamedNode;
import org.apache.camel.Ordered;
import org.apache.camel.Processor;
import org.apache.camel.model.ProcessDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Traces every call: a span per call, started at the first step that finds the exchange's {@link GatewayCall} (its
 * start time the call's arrival; a caller's W3C {@code traceparent} header makes it part of the caller's trace) and
 * ended when the exchange is done, which for a stream is when the stream has ended; a child span per {@code process}
 * step after that, named after the step's bean. Bound only when tracing is on: off, no step is wrapped.
 */
public final class StepSpans implements InterceptStrategy, Ordered {

    private static final String INSTRUMENTATION = "camel-llm-gateway";
    /** The template parameter a Kamelet's route carries its Kamelet's name in (camel-kamelet's PARAM_TEMPLATE_ID). */
    private static final String KAMELET_TEMPLATE_ID = "templateId";
    private static final TextMapGetter<Message> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Message message) {
            return message.getHeaders().keySet();
        }

        @Override
        public String get(Message message, String key) {
            return message == null ? null : message.getHeader(key, String.class);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final UnaryOperator<String> serverAddress;
    private final boolean endCalls;

    /**
     * @param serverAddress the host a region's Bedrock calls go to
     * @param endCalls      whether a call's span ends when the exchange that started it completes; false where
     *                      whoever knows the call's end calls {@link #endCall} (GatewayLibrary: a Kamelet's exchange
     *                      is a copy that completes with the Kamelet)
     */
    public StepSpans(OpenTelemetry openTelemetry, UnaryOperator<String> serverAddress, boolean endCalls) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
        this.serverAddress = serverAddress;
        this.endCalls = endCalls;
    }

    /** Ends the span of the exchange's call, if it has one still open: says what the call was. */
    public static void endCall(Exchange exchange) {
        GatewayCall call = GatewayCall.find(exchange);
        CallSpan trace = call == null ? null : call.kept(CallSpan.class);
        if (trace != null) {
            trace.end(exchange);
        }
    }

    /**
     * Applied last, around the other strategies' wrappers: {@link dev.llmgateway.http.StepFailureContainment} rebuilds
     * the plain step it finds inside Camel's wrapper, which would drop a wrapper applied before it.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST;
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        if (!(definition instanceof ProcessDefinition process) || process.getRef() == null) {
            return target;
        }
        String step = context.resolvePropertyPlaceholders(process.getRef());
        return NoStep.BEAN.equals(step) ? target : new TracedStep(target, kameletOf(process).orElse(step));
    }

    /** A Kamelet's step is named after the Kamelet (its bean's name is the template's, the same in every Kamelet). */
    private static Optional<String> kameletOf(ProcessDefinition process) {
        RouteDefinition route = ProcessorDefinitionHelper.getRoute(process);
        if (route == null || !Boolean.TRUE.equals(route.isKamelet()) || route.getTemplateParameters() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(route.getTemplateParameters().get(KAMELET_TEMPLATE_ID)).map(Object::toString);
    }

    /** @return the call's trace, started now when the call has none yet; null for an exchange without a call */
    private CallSpan traceOf(Exchange exchange) {
        GatewayCall call = GatewayCall.find(exchange);
        if (call == null) {
            return null;
        }
        CallSpan trace = call.kept(CallSpan.class);
        if (trace != null) {
            return trace;
        }
        Context parent = propagator.extract(Context.current(), exchange.getMessage(), HEADERS);
        boolean overHttp = exchange.getFromEndpoint() != null
                && exchange.getFromEndpoint().getEndpointUri().startsWith("platform-http:");
        CallSpan started = CallSpan.start(tracer, serverAddress, call, parent, exchange.getFromRouteId(), overHttp);
        call.keep(started);
        call.traceUpstream(started);
        if (endCalls) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    started.end(done);
                }
            });
        }
        return started;
    }

    private final class TracedStep extends DelegateAsyncProcessor {

        private final String step;

        TracedStep(Processor target, String step) {
            super(target);
            this.step = step;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            CallSpan trace = traceOf(exchange);
            if (trace == null) {
                // the step that starts the call (requestIdAssigner): the call's span begins at its arrival
                return processor.process(exchange, doneSync -> {
                    traceOf(exchange);
                    callback.done(doneSync);
                });
            }
            Span span = trace.startStep(step);
            try {
                return processor.process(exchange, doneSync -> {
                    trace.stepEnded(span, exchange);
                    callback.done(doneSync);
                });
            } catch (RuntimeException | Error e) {
                trace.stepThrew(span, e);
                throw e;
            }
        }
    }
}
