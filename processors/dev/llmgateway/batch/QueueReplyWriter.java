package dev.llmgateway.batch;

import dev.llmgateway.chat.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns the summary into the reply message: a JSON object {@code {"id", "summary", "model", "parts", "rounds",
 * "calls", "inputTokens", "outputTokens"}} carrying the request's correlation id (its message id when it had none),
 * addressed to the request's JMSReplyTo when it named one; otherwise the route's reply queue applies.
 */
public class QueueReplyWriter implements Processor {

    /** camel-jms sends to this Destination instead of the endpoint's. */
    static final String DESTINATION_OVERRIDE = "CamelJmsDestination";

    @Override
    public void process(Exchange exchange) {
        Document document = BatchJob.of(exchange).document();
        Summary summary = BatchJob.of(exchange).summary();
        Message message = exchange.getMessage();
        Object replyTo = message.getHeader("JMSReplyTo");
        String correlationId = message.getHeader("JMSCorrelationID", String.class);
        if (correlationId == null) {
            correlationId = message.getHeader("JMSMessageID", String.class);
        }
        message.getHeaders().clear();
        message.setHeader("JMSCorrelationID", correlationId);
        if (replyTo != null) {
            message.setHeader(DESTINATION_OVERRIDE, replyTo);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", document.id());
        reply.put("summary", summary.text());
        reply.put("model", summary.model());
        reply.put("parts", summary.parts());
        reply.put("rounds", summary.rounds());
        reply.put("calls", summary.calls());
        reply.put("inputTokens", summary.inputTokens());
        reply.put("outputTokens", summary.outputTokens());
        message.setBody(new String(Json.bytes(reply), StandardCharsets.UTF_8));
    }
}
