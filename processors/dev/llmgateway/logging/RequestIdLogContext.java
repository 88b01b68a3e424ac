package dev.llmgateway.logging;

import dev.llmgateway.chat.GatewayCall;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;

/**
 * Puts the request id into the logging context (MDC key {@value #MDC_KEY}, {@code %X{requestId}} in a pattern)
 * around every step of every route, so each line a step logs names its request. A step may finish on another
 * thread (a stream ends on the AWS SDK's event loop): the id is set there around the completion too. The thread's
 * previous value is put back afterwards, so a pooled thread never carries one request's id into the next.
 */
public class RequestIdLogContext implements InterceptStrategy {

    public static final String MDC_KEY = "requestId";

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        return new WithRequestId(target);
    }

    /** Runs the action with the exchange's request id in the logging context (as is, when it has none yet). */
    public static void run(Exchange exchange, Runnable action) {
        try (Scope ignored = Scope.enter(exchange)) {
            action.run();
        }
    }

    /** The request id set for a while; closing puts back what the thread had before. */
    private record Scope(boolean changed, String previous) implements AutoCloseable {

        static Scope enter(Exchange exchange) {
            GatewayCall call = GatewayCall.find(exchange);
            if (call == null) {
                return new Scope(false, null);
            }
            String id = call.requestId();
            String previous = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, id);
            return new Scope(true, previous);
        }

        @Override
        public void close() {
            if (!changed) {
                return;
            }
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    private static final class WithRequestId extends DelegateAsyncProcessor {

        WithRequestId(Processor target) {
            super(target);
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            try (Scope ignored = Scope.enter(exchange)) {
                return processor.process(exchange, doneSync -> {
                    if (doneSync) {
                        callback.done(true);
                    } else {
                        run(exchange, () -> callback.done(false));
                    }
                });
            }
        }
    }
}
