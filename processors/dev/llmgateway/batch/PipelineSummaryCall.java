package dev.llmgateway.batch;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayExchange;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Sends each summary call through the gateway's own chain ({@code direct:llm-chat}): the same guards, token limits
 * and failover as an API call, and a call record attributed to the document's team and feature.
 */
public class PipelineSummaryCall implements SummaryCall {

    public static final String PIPELINE = "direct:llm-chat";

    private final Supplier<CamelContext> context;
    private volatile ProducerTemplate producer;

    /** @param context the running Camel context (asked on the first call: it does not exist while beans are bound) */
    public PipelineSummaryCall(Supplier<CamelContext> context) {
        this.context = context;
    }

    @Override
    public ChatResponse call(SummaryRequest request) {
        CamelContext camel = context.get();
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(GatewayExchange.REQUEST_ID, request.requestId());
        exchange.setProperty(GatewayExchange.TEAM, request.team());
        exchange.setProperty(GatewayExchange.FEATURE, request.feature());
        exchange.setProperty(GatewayExchange.CHAT_REQUEST, request.chat());
        Exchange answered = producer(camel).send(PIPELINE, exchange);
        if (answered.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        if (answered.getException() != null) {
            throw new IllegalStateException("the gateway pipeline failed", answered.getException());
        }
        return answered.getProperty(GatewayExchange.CHAT_RESPONSE, ChatResponse.class);
    }

    private ProducerTemplate producer(CamelContext camel) {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
            }
        }
        return producer;
    }
}
