package dev.llmgateway.http;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.processor.WrapProcessor;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.apache.camel.support.processor.DelegateSyncProcessor;

/**
 * Turns an {@link Error} a step throws (a {@link StackOverflowError}, an {@link OutOfMemoryError} of one request) into
 * the exchange's exception, like any other failure. Camel hands only {@link Exception}s to the routes' error handlers;
 * an Error would otherwise leave the route, skip the error writer and the call record, and reach the HTTP server as
 * an answer with no request id. A plain step is contained inside the adapter Camel puts around it for its asynchronous
 * engine: that adapter lets the route go on to the next step before an Error passes through it.
 */
public class StepFailureContainment implements InterceptStrategy {

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
                                                 Processor nextTarget) {
        String step = definition == null ? "a step" : definition.getLabel();
        // A plain step reaches here adapted as DelegateSync(step), at times inside a Wrap: the containment goes
        // inside the adapter. Our plain steps have no lifecycle for a Wrap to manage.
        Processor adapted = target instanceof WrapProcessor wrap ? wrap.getWrapped() : target;
        if (adapted instanceof DelegateSyncProcessor sync) {
            Processor plain = sync.getProcessor();
            return new DelegateSyncProcessor(exchange -> {
                try {
                    plain.process(exchange);
                } catch (Error error) {
                    throw new StepFailedException(step, error);
                }
            });
        }
        return new ContainedAsync(target, step);
    }

    /** The exception that stands for an Error of a step. */
    public static final class StepFailedException extends RuntimeException {

        StepFailedException(String step, Error error) {
            super(error.getClass().getSimpleName() + " in " + step, error);
        }
    }

    private static final class ContainedAsync extends DelegateAsyncProcessor {

        private final String step;

        ContainedAsync(Processor target, String step) {
            super(target);
            this.step = step;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            try {
                return processor.process(exchange, callback);
            } catch (Error error) {
                exchange.setException(new StepFailedException(step, error));
                callback.done(true);
                return true;
            }
        }
    }
}
