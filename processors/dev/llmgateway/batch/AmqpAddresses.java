package dev.llmgateway.batch;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.Map;
import org.springframework.jms.support.destination.DestinationResolver;

/**
 * Maps the batch routes' queue names (batch-requests, batch-replies, batch-dead-letters) to the configured AMQP
 * addresses, which may hold slashes (RabbitMQ's /queue/NAME, /amq/queue/NAME) that an endpoint URI would lose.
 * Other names are used as they are.
 */
public class AmqpAddresses implements DestinationResolver {

    private final Map<String, String> addresses;

    public AmqpAddresses(BatchSettings.Queue queue) {
        this.addresses = Map.of("batch-requests", queue.requests(), "batch-replies", queue.replies(),
                "batch-dead-letters", queue.deadLetters());
    }

    @Override
    public Destination resolveDestinationName(Session session, String name, boolean pubSubDomain) throws JMSException {
        String address = addresses.getOrDefault(name, name);
        return pubSubDomain ? session.createTopic(address) : session.createQueue(address);
    }
}
