package dev.llmgateway.limits;

import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayExchange;
import dev.llmgateway.cost.PriceTable;
import java.math.BigDecimal;
import org.apache.camel.Exchange;

/**
 * What a finished call used: the tokens the upstream reported (or, for a stream cut short, counted from what was
 * sent) and what they cost at the table's price. An answer from the semantic cache used nothing upstream.
 */
public record CallUsage(long tokens, BigDecimal costUsd) {

    public static final CallUsage NOTHING = new CallUsage(0, BigDecimal.ZERO);

    public static CallUsage of(Exchange exchange, PriceTable prices) {
        ChatResponse response = exchange.getProperty(GatewayExchange.CHAT_RESPONSE, ChatResponse.class);
        if (response == null || response.usage() == null || exchange.getProperty(GatewayExchange.CACHE_HIT) != null) {
            return NOTHING;
        }
        long input = response.usage().inputTokens();
        long output = response.usage().outputTokens();
        BigDecimal cost = response.modelId() == null || !prices.knows(response.modelId()) ? BigDecimal.ZERO
                : prices.cost(response.modelId(), response.region(), input, output);
        return new CallUsage(input + output, cost);
    }
}
