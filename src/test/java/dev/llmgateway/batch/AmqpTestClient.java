package dev.llmgateway.batch;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.jms.JmsConnectionFactory;

/** A plain JMS client of the local RabbitMQ over AMQP 1.0, as a team sending summary requests would use. */
final class AmqpTestClient implements AutoCloseable {

    static final String URL = "amqp://127.0.0.1:5672";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Connection connection;
    private final Session session;
    private final Map<String, MessageConsumer> consumers = new HashMap<>();

    AmqpTestClient() throws JMSException {
        JmsConnectionFactory factory = new JmsConnectionFactory("guest", "guest", URL);
        // RabbitMQ 3.x closes the session when a timed-out receive drains the link (see BatchAmqp).
        factory.setReceiveLocalOnly(true);
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    /** Starts listening on an address now, so nothing sent to it later is missed. */
    void listen(String address) throws JMSException {
        consumers.computeIfAbsent(address, a -> {
            try {
                return session.createConsumer(session.createQueue(a));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Sets a message's JMS headers and properties before it is sent. */
    @FunctionalInterface
    interface Headers {
        void set(TextMessage message) throws JMSException;
    }

    /** @return the message as sent (its JMSMessageID set) */
    TextMessage send(String address, String body, Headers headers) throws JMSException {
        TextMessage message = session.createTextMessage(body);
        headers.set(message);
        try (var producer = session.createProducer(session.createQueue(address))) {
            producer.send(message);
        }
        return message;
    }

    Message receive(String address) throws JMSException {
        listen(address);
        Message message = consumers.get(address).receive(PATIENCE.toMillis());
        if (message == null) {
            throw new AssertionError("nothing arrived on " + address + " within " + PATIENCE.toSeconds() + " s");
        }
        return message;
    }

    Destination queue(String address) throws JMSException {
        return session.createQueue(address);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
