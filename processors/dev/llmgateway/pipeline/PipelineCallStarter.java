package dev.llmgateway.pipeline;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.GatewayExchange;
import dev.llmgateway.record.TimeOrderedIds;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of the in-process pipeline ({@code direct:llm-chat}): checks that the caller put a ChatRequest on the
 * exchange, notes when the call started (for its call record) and gives it a request id when the caller gave none.
 */
public class PipelineCallStarter implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(GatewayExchange.RECEIVED_AT, Instant.now());
        exchange.setProperty(GatewayExchange.RECEIVED_NANOS, System.nanoTime());
        if (exchange.getProperty(GatewayExchange.REQUEST_ID) == null) {
            exchange.setProperty(GatewayExchange.REQUEST_ID, TimeOrderedIds.compact());
        }
        Object request = exchange.getProperty(GatewayExchange.CHAT_REQUEST);
        if (!(request instanceof ChatRequest chat)) {
            throw new GatewayException(500, "server_error", "gateway_misconfigured", "direct:llm-chat needs a "
                    + ChatRequest.class.getName() + " in the exchange property " + GatewayExchange.CHAT_REQUEST
                    + ", found " + (request == null ? "none" : request.getClass().getName()) + ".");
        }
        if (chat.stream()) {
            throw GatewayException.invalidRequest("stream_not_supported",
                    "direct:llm-chat answers with the whole response; stream the answer over the HTTP API instead.");
        }
    }
}
