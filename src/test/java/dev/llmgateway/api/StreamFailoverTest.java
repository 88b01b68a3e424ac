package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stream fails over to the model's next region while nothing has reached the client, and never after. */
class StreamFailoverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI_STREAM = """
            {"model": "claude-3-haiku", "stream": true, "max_tokens": 60,
             "messages": [{"role": "user", "content": "Tell me about rivers and the valleys they carve."}]}""";
    private static final String ANTHROPIC_STREAM = """
            {"model": "claude-3-haiku", "stream": true, "max_tokens": 60,
             "messages": [{"role": "user", "content": "Tell me about rivers and the valleys they carve."}]}""";
    private static final long DEADLINE_MS = 2000;
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start(Map.of(
                "LLMGW_FAILOVER_DEADLINEMS", Long.toString(DEADLINE_MS),
                "LLMGW_FAILOVER_BACKOFFBASEMS", "100",
                "LLMGW_FAILOVER_BACKOFFMAXMS", "400",
                "LLMGW_FAILOVER_BREAKERWINDOW", "4",
                "LLMGW_FAILOVER_BREAKERMINIMUMCALLS", "4",
                "LLMGW_FAILOVER_BREAKEROPENMS", "60000"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void aThrottlingRegionIsInvisibleToStreamingClients() {
        throttle("us-east-1");

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> openAi = gateway.post("/v1/chat/completions", OPENAI_STREAM);
            assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
            assertThat(openAi.body()).contains("data: [DONE]").doesNotContain("\"error\"");
            HttpResponse<String> anthropic = gateway.post("/v1/messages", ANTHROPIC_STREAM);
            assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(200);
            assertThat(anthropic.body()).contains("event: message_stop").doesNotContain("event: error");
        }

        assertThat(gateway.emulator().stats("us-west-2").streamsCompleted()).isEqualTo(20);
        assertThat(gateway.emulator().stats("us-east-1").failedByInjectedFault())
                .as("the breaker stops sending to the throttling region").isEqualTo(4);
    }

    @Test
    void everyRegionThrottlingIsAJson429WithRetryAfter() throws Exception {
        throttle("us-east-1");
        throttle("us-west-2");

        HttpResponse<String> response = gateway.post("/v1/chat/completions", OPENAI_STREAM);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("Every region");
        assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).isGreaterThan(1);
        assertThat(gateway.emulator().stats("us-west-2").requestsReceived()).isGreaterThan(1);
    }

    @Test
    void onceEveryBreakerIsOpenAfterThrottlingStreamsAndCallsGetAPrompt429() throws Exception {
        throttle("us-east-1");
        throttle("us-west-2");
        gateway.post("/v1/chat/completions", OPENAI_STREAM);
        long received = gateway.emulator().stats("us-east-1").requestsReceived()
                + gateway.emulator().stats("us-west-2").requestsReceived();

        HttpResponse<String> response = gateway.post("/v1/chat/completions", OPENAI_STREAM);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("all_regions_throttled");
        assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        HttpResponse<String> call = gateway.post("/v1/chat/completions", OPENAI_STREAM.replace("\"stream\": true", "\"stream\": false"));
        assertThat(call.statusCode()).as(call.body()).isEqualTo(429);
        assertThat(JSON.readTree(call.body()).at("/error/code").asText()).isEqualTo("all_regions_throttled");
        assertThat(gateway.emulator().stats("us-east-1").requestsReceived()
                + gateway.emulator().stats("us-west-2").requestsReceived()).isEqualTo(received);
    }

    @Test
    void aStreamThatBrokeAfterItsFirstEventDoesNotMoveToAnotherRegion() throws Exception {
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().streamBreakAfterDeltas(2).build());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", OPENAI_STREAM);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("stream_interrupted").doesNotContain("[DONE]");
        assertThat(gateway.emulator().stats("us-west-2").requestsReceived()).isZero();
    }

    @Test
    void aRefusedStreamIsNotRetriedInAnotherRegion() {
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().failureRate(BedrockError.VALIDATION, 1.0).build());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", OPENAI_STREAM);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(gateway.emulator().stats("us-west-2").requestsReceived()).isZero();
    }

    private void throttle(String region) {
        gateway.emulator().configureRegion(region,
                RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).build());
    }
}
