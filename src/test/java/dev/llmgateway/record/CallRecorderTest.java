package dev.llmgateway.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.cost.ModelPrice;
import dev.llmgateway.cost.PriceTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class CallRecorderTest {

    private static final String SONNET = "us.anthropic.claude-3-5-sonnet-20241022-v2:0";
    private final CallRecorder recorder = new CallRecorder(new PriceTable(Map.of(SONNET,
            new ModelPrice(3.00, 15.00, 0.30, 3.75, null))));

    private static Exchange exchange() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        GatewayCall.start(exchange, "req-0001");
        GatewayCall.of(exchange).identify(Caller.of("search", null, "default"));
        return exchange;
    }

    @Test
    void promptCacheTokensAreRecordedAndPricedAtTheirOwnRates() {
        Exchange exchange = exchange();
        GatewayCall.of(exchange).setResponse(new ChatResponse("answer", "end_turn",
                new Usage(1_000, 200, 10_000, 2_000), "us-east-1", SONNET));

        CallRecord record = recorder.recordOf(exchange, GatewayCall.of(exchange));

        assertThat(record.cacheReadTokens()).isEqualTo(10_000);
        assertThat(record.cacheWriteTokens()).isEqualTo(2_000);
        // 1,000 x $3 + 200 x $15 + 10,000 x $0.30 + 2,000 x $3.75, per million
        assertThat(record.costUsd()).isEqualByComparingTo(new BigDecimal("0.0165"));
    }

    @Test
    void aCallNoRegionAnsweredIsAttributedToTheLastRegionItTried() {
        Exchange exchange = exchange();
        GatewayCall.of(exchange).trackRegions(List.of("us-east-1", "us-west-2"), List.of());
        GatewayCall.of(exchange).fail(new GatewayException(429, "rate_limit_error",
                "upstream_throttled", "every region throttles"));

        CallRecord record = recorder.recordOf(exchange, GatewayCall.of(exchange));

        assertThat(record.region()).isEqualTo("us-west-2");
        assertThat(record.status()).isEqualTo(429);
        assertThat(record.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    }
}
