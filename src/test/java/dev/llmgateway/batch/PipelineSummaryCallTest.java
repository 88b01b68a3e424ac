package dev.llmgateway.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Usage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Batch calls are marked as batch traffic, wait out a 429, and give up at once on other refusals. */
class PipelineSummaryCallTest {

    private static final SummaryRequest REQUEST = new SummaryRequest("req-1", "docs", "batch", ChatRequest.builder(
            "claude-3-haiku", List.of(new ChatMessage(ChatRole.USER, "Summarize this."))).maxTokens(50).build());

    private static CamelContext pipeline(List<GatewayException> refusals, AtomicInteger calls) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(PipelineSummaryCall.PIPELINE).process(exchange -> {
                    int call = calls.getAndIncrement();
                    assertThat(GatewayCall.of(exchange).batchMarked()).isTrue();
                    if (call < refusals.size()) {
                        throw refusals.get(call);
                    }
                    GatewayCall.of(exchange).setResponse(
                            new ChatResponse("summary", "end_turn", new Usage(10, 2), "us-east-1", "model"));
                });
            }
        });
        camel.start();
        return camel;
    }

    @Test
    void aRateLimitedCallWaitsAndTriesAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GatewayException limited = new GatewayException(429, "rate_limit_error", "requests_per_minute_exceeded",
                "slow down", Map.of("Retry-After", "1"), null);
        try (CamelContext camel = pipeline(List.of(limited), calls)) {
            ChatResponse answer = new PipelineSummaryCall(() -> camel).call(REQUEST);

            assertThat(answer.text()).isEqualTo("summary");
            assertThat(calls.get()).isEqualTo(2);
        }
    }

    @Test
    void otherRefusalsFailAtOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        GatewayException overBudget = new GatewayException(402, "insufficient_quota", "budget_exceeded", "no money");
        try (CamelContext camel = pipeline(List.of(overBudget), calls)) {
            assertThatThrownBy(() -> new PipelineSummaryCall(() -> camel).call(REQUEST)).isSameAs(overBudget);
            assertThat(calls.get()).isEqualTo(1);
        }
    }
}
