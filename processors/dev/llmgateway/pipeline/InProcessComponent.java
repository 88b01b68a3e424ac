package dev.llmgateway.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Synchronous in-process endpoints, bound under the name {@code direct} because camel-direct is not among the
 * build's dependencies: sending to {@code direct:NAME} runs the sender's exchange through the route that consumes
 * {@code direct:NAME}, as camel-direct does; with no such route the exchange fails. Once camel-direct is a
 * dependency, this class and its binding go.
 */
public class InProcessComponent extends DefaultComponent {

    private final Map<String, DefaultConsumer> consumers = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return new InProcessEndpoint(uri, this, remaining);
    }

    private final class InProcessEndpoint extends DefaultEndpoint {

        private final String name;

        InProcessEndpoint(String uri, InProcessComponent component, String name) {
            super(uri, component);
            this.name = name;
        }

        @Override
        public Producer createProducer() {
            return new DefaultAsyncProducer(this) {
                @Override
                public boolean process(Exchange exchange, AsyncCallback callback) {
                    DefaultConsumer consumer = consumers.get(name);
                    if (consumer == null) {
                        exchange.setException(new IllegalStateException("No route consumes " + getEndpointUri()));
                        callback.done(true);
                        return true;
                    }
                    return consumer.getAsyncProcessor().process(exchange, callback);
                }
            };
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            return new DefaultConsumer(this, processor) {
                @Override
                protected void doStart() throws Exception {
                    super.doStart();
                    if (consumers.putIfAbsent(name, this) != null) {
                        throw new IllegalStateException("A route already consumes " + getEndpointUri());
                    }
                }

                @Override
                protected void doStop() throws Exception {
                    consumers.remove(name, this);
                    super.doStop();
                }
            };
        }
    }
}
