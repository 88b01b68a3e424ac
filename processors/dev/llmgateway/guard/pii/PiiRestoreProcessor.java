package dev.llmgateway.guard.pii;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayExchange;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Puts the values {@link PiiRedactionProcessor} replaced back into the answer, for the caller only. */
public class PiiRestoreProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        PlaceholderMap placeholders = exchange.getProperty(PiiRedactionProcessor.PII_PLACEHOLDERS, PlaceholderMap.class);
        ChatResponse response = exchange.getProperty(GatewayExchange.CHAT_RESPONSE, ChatResponse.class);
        if (placeholders == null || response == null) {
            return;
        }
        exchange.setProperty(GatewayExchange.CHAT_RESPONSE, new ChatResponse(placeholders.restore(response.text()),
                response.stopReason(), response.usage(), response.region(), response.modelId()));
    }

    /** @return a restorer for a streamed answer of this exchange, or null when nothing was redacted */
    public static StreamingRestorer streamingRestorer(Exchange exchange) {
        PlaceholderMap placeholders = exchange.getProperty(PiiRedactionProcessor.PII_PLACEHOLDERS, PlaceholderMap.class);
        return placeholders == null ? null : new StreamingRestorer(placeholders);
    }
}
