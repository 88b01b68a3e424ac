package dev.llmgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.GatewayExchange;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class BatchTrafficTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void theBatchFeatureOrTheBatchRoutesMarkMakeACallBatchTraffic() {
        exchange.setProperty(GatewayExchange.FEATURE, "reports");
        assertThat(BatchTraffic.isBatch(exchange)).isFalse();

        exchange.setProperty(BatchTraffic.PROPERTY, true);
        assertThat(BatchTraffic.isBatch(exchange)).isTrue();

        exchange.removeProperty(BatchTraffic.PROPERTY);
        exchange.setProperty(GatewayExchange.FEATURE, "batch");
        assertThat(BatchTraffic.isBatch(exchange)).isTrue();
    }
}
