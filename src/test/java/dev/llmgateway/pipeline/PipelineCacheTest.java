package dev.llmgateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cache.CacheStats;
import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.record.TimeOrderedIds;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.TestGateway;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Callers of direct:llm-chat (batch summaries among them) share the semantic cache with the HTTP APIs. */
class PipelineCacheTest {

    @Test
    void aRepeatedPipelineCallIsAnsweredFromTheCache() throws Exception {
        try (TestGateway gateway = TestGateway.start(Map.of("LLMGW_CACHE_ENABLED", "true",
                "LLMGW_CACHE_LOOKUPBUDGETMS", "5000"))) {
            CacheStats stats = gateway.camelContext().getRegistry().lookupByNameAndType("cacheStats", CacheStats.class);
            ChatRequest request = ChatRequest.builder("claude-3-haiku",
                    List.of(new ChatMessage(ChatRole.USER, "Summarize: the ferry now runs every hour.")))
                    .maxTokens(100).temperature(0.0).build();

            Exchange first = call(gateway, request);
            Eventually.until("the first answer stored", () -> stats.stored() == 1);
            Exchange second = call(gateway, request);

            assertThat(first.getException()).isNull();
            assertThat(second.getException()).isNull();
            assertThat(GatewayCall.of(second).cacheHit()).isNotNull();
            assertThat(GatewayCall.of(second).responseOrNull().text())
                    .isEqualTo(GatewayCall.of(first).responseOrNull().text());
            assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).isEqualTo(1);
        }
    }

    private static Exchange call(TestGateway gateway, ChatRequest request) {
        Exchange exchange = new DefaultExchange(gateway.camelContext());
        GatewayCall call = GatewayCall.start(exchange, TimeOrderedIds.compact());
        call.identify(Caller.of("docs", null, "batch"));
        call.setRequest(request);
        return gateway.camelContext().createProducerTemplate().send("direct:llm-chat", exchange);
    }
}
