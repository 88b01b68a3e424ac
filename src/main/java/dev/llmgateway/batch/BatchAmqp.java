package dev.llmgateway.batch;

import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.policy.JmsDefaultPrefetchPolicy;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * The AMQP 1.0 connection of the queue trigger (Qpid JMS), as the camel-amqp component the batch routes use
 * ({@code batch-amqp:}): consumers take one message at a time, replies and dead letters go through one cached
 * connection, and queue names map to the configured addresses.
 */
final class BatchAmqp implements AutoCloseable {

    static final String COMPONENT = "batch-amqp";
    /** How long a broker operation (attach, send) may take before it fails instead of hanging. */
    private static final long REQUEST_TIMEOUT_MS = 30_000;

    private final CachingConnectionFactory senders;
    private final AMQPComponent component;

    BatchAmqp(BatchSettings.Queue queue) {
        JmsConnectionFactory connections = new JmsConnectionFactory(queue.username(), queue.password(), queue.url());
        // With the default prefetch of 1000 one consumer would hoard the queue while the others idle.
        JmsDefaultPrefetchPolicy prefetch = new JmsDefaultPrefetchPolicy();
        prefetch.setAll(1);
        connections.setPrefetchPolicy(prefetch);
        connections.setRequestTimeout(REQUEST_TIMEOUT_MS);
        // A receive that times out would otherwise drain the link, which RabbitMQ 3.x's AMQP 1.0 plugin answers by
        // closing the session (function_clause in rabbit_classic_queue:handle_event send_drained).
        connections.setReceiveLocalOnly(true);
        connections.setReceiveNoWaitLocalOnly(true);
        senders = new CachingConnectionFactory(connections);
        component = new AMQPComponent(connections);
        component.getConfiguration().setTemplateConnectionFactory(senders);
        component.getConfiguration().setDestinationResolver(new AmqpAddresses(queue));
    }

    AMQPComponent component() {
        return component;
    }

    @Override
    public void close() {
        senders.destroy();
    }
}
