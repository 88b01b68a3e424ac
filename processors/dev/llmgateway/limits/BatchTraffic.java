package dev.llmgateway.limits;

import dev.llmgateway.chat.GatewayExchange;
import org.apache.camel.Exchange;

/**
 * Which calls are batch traffic, which may use only {@code limits.batchShare} of its team's rates: calls with the
 * feature {@value #FEATURE}, and calls a batch route marks by setting {@link #PROPERTY} to true.
 */
public final class BatchTraffic {

    /** Exchange property (a Boolean) a batch route sets on the calls it makes. */
    public static final String PROPERTY = "llmgateway.batch";
    /** The feature tag of batch traffic. */
    public static final String FEATURE = "batch";

    private BatchTraffic() {
    }

    public static boolean isBatch(Exchange exchange) {
        return FEATURE.equals(GatewayExchange.feature(exchange))
                || Boolean.TRUE.equals(exchange.getProperty(PROPERTY, Boolean.class));
    }
}
