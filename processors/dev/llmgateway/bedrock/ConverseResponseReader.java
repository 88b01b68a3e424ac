package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayExchange;
import dev.llmgateway.chat.Usage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.bedrock.runtime.BedrockConstants;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/** Reads what camel-aws-bedrock's converse operation left on the message into a {@link ChatResponse}. */
public class ConverseResponseReader implements Processor {

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        TokenUsage usage = message.getHeader(BedrockConstants.CONVERSE_USAGE, TokenUsage.class);
        String stopReason = message.getHeader(BedrockConstants.CONVERSE_STOP_REASON, String.class);
        exchange.setProperty(GatewayExchange.CHAT_RESPONSE, new ChatResponse(
                message.getBody(String.class),
                stopReason,
                usage == null ? new Usage(0, 0) : new Usage(usage.inputTokens(), usage.outputTokens()),
                exchange.getProperty(ConverseRequestBuilder.REGION, String.class),
                exchange.getProperty(ConverseRequestBuilder.MODEL_ID, String.class)));
    }
}
