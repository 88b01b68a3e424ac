package dev.llmgateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class BatchTrafficTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @Test
    void theBatchFeatureOrTheBatchRoutesMarkMakeACallBatchTraffic() {
        GatewayCall reports = GatewayCall.start(exchange, "req-reports");
        reports.identify(Caller.of("a", null, "reports"));
        assertThat(BatchTraffic.isBatch(reports)).isFalse();

        reports.markBatch();
        assertThat(BatchTraffic.isBatch(reports)).isTrue();

        GatewayCall batchFeature = GatewayCall.start(exchange, "req-batch");
        batchFeature.identify(Caller.of("a", null, "batch"));
        assertThat(BatchTraffic.isBatch(batchFeature)).isTrue();
    }
}
