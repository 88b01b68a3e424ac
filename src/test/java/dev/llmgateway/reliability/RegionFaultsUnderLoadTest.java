package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.ConcurrentLoad;
import dev.llmgateway.testing.ConcurrentLoad.Reply;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.PrometheusText;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A region that starts throttling or failing while plain calls and streams run: clients keep getting answers from
 * the other region, the failures stay inside the gateway, and the breaker and metrics show it. When every region
 * throttles, clients get the documented 429, never a 5xx, or the answer of the model's fallback when it has one.
 */
class RegionFaultsUnderLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = """
            {"model": "%s", "max_tokens": 30, "stream": %s,
             "messages": [{"role": "user", "content": "Tell me about rivers and the valleys they carve."}]}""";
    private static final String MODEL = "claude-3-haiku";
    /** Falls back to FALLBACK, which answers in a region of its own. */
    private static final String MODEL_WITH_FALLBACK = "claude-3-5-sonnet";
    private static final String FALLBACK = "claude-3-5-haiku";
    private static final int CLIENTS_PER_KIND = 3;
    private static final int REPLIES_PER_PHASE = 40;
    private final Map<String, CallRecord> records = new ConcurrentHashMap<>();
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start(Map.of(
                "LLMGW_FAILOVER_DEADLINEMS", "2000",
                "LLMGW_FAILOVER_BACKOFFBASEMS", "100",
                "LLMGW_FAILOVER_BACKOFFMAXMS", "400",
                "LLMGW_FAILOVER_BREAKERWINDOW", "4",
                "LLMGW_FAILOVER_BREAKERMINIMUMCALLS", "4",
                "LLMGW_FAILOVER_BREAKEROPENMS", "60000"), """
                models:
                  claude-3-5-sonnet:
                    fallbacks: [claude-3-5-haiku]
                  claude-3-5-haiku:
                    targets: [{region: eu-west-1, modelId: "us.anthropic.claude-3-5-haiku-20241022-v1:0"}]
                """);
        gateway.application().callRecorder().addListener(record -> records.put(record.requestId(), record));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"THROTTLING, llmgateway_upstream_throttles_total",
            "SERVICE_UNAVAILABLE, llmgateway_upstream_errors_total"})
    void aRegionThatStartsFailingMidRunIsInvisibleToClients(BedrockError fault, String failureMetric)
            throws Exception {
        List<Reply> after = runWithFaultMidway(MODEL, List.of("us-east-1"), fault);

        assertThat(after).allSatisfy(this::assertAnsweredInFull);
        assertThat(gateway.emulator().stats("us-east-1").failedByInjectedFault()).isPositive();
        assertThat(after).allSatisfy(reply -> assertThat(records.get(reply.requestId()).region()).isEqualTo("us-west-2"));
        PrometheusText metrics = scrape();
        assertThat(metrics.sum(failureMetric, Map.of("region", "us-east-1"))).isPositive();
        assertBreakerOpen(metrics, "us-east-1");
    }

    @Test
    void everyRegionThrottlingMidRunIsA429WithRetryAfterNeverA5xx() throws Exception {
        List<Reply> after = runWithFaultMidway(MODEL, List.of("us-east-1", "us-west-2"), BedrockError.THROTTLING);

        assertThat(after).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(429);
            assertThat(reply.header("Retry-After")).as(reply.toString())
                    .hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
            assertThat(JSON.readTree(reply.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
        });
        PrometheusText metrics = scrape();
        assertBreakerOpen(metrics, "us-east-1");
        assertBreakerOpen(metrics, "us-west-2");
    }

    @Test
    void everyRegionOfAModelThrottlingMidRunIsAnsweredByItsFallback() throws Exception {
        List<Reply> after = runWithFaultMidway(MODEL_WITH_FALLBACK, List.of("us-east-1", "us-west-2"),
                BedrockError.THROTTLING);

        assertThat(after).allSatisfy(this::assertAnsweredInFull);
        assertThat(after).allSatisfy(reply -> {
            CallRecord record = records.get(reply.requestId());
            assertThat(record.modelAlias()).isEqualTo(FALLBACK);
            assertThat(record.region()).isEqualTo("eu-west-1");
            assertThat(record.fallbackFrom()).isEqualTo(MODEL_WITH_FALLBACK);
        });
        PrometheusText metrics = scrape();
        assertThat(metrics.sum("llmgateway_model_fallbacks_total", Map.of("from", MODEL_WITH_FALLBACK, "to", FALLBACK)))
                .isGreaterThanOrEqualTo(after.size());
        assertBreakerOpen(metrics, "us-east-1");
        assertBreakerOpen(metrics, "us-west-2");
    }

    /**
     * Runs plain and streaming clients, breaks the regions once they are under way, and runs on until as many replies
     * again came back. @return the replies to requests sent after the fault; all replies must have an HTTP status and
     * none may be a 5xx
     */
    private List<Reply> runWithFaultMidway(String model, List<String> regions, BedrockError fault) throws Exception {
        ConcurrentLoad calls = ConcurrentLoad.start(CLIENTS_PER_KIND, "calls", id -> chat(model, false));
        ConcurrentLoad streams = ConcurrentLoad.start(CLIENTS_PER_KIND, "streams", id -> chat(model, true));
        calls.awaitMoreReplies(REPLIES_PER_PHASE);
        streams.awaitMoreReplies(REPLIES_PER_PHASE);
        RegionBehaviour broken = RegionBehaviour.builder().failureRate(fault, 1.0).retryAfterSeconds(1).build();
        regions.forEach(region -> gateway.emulator().configureRegion(region, broken));
        Set<String> sentBefore = Set.copyOf(concat(calls.sentRequestIds(), streams.sentRequestIds()));
        calls.awaitMoreReplies(REPLIES_PER_PHASE);
        streams.awaitMoreReplies(REPLIES_PER_PHASE);
        List<Reply> replies = concat(calls.stop(), streams.stop());
        Eventually.until("a call record of every request", () -> replies.stream()
                .allMatch(reply -> records.containsKey(reply.requestId())));

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.failure()).as(reply.toString()).isNull();
            assertThat(reply.status()).as(reply.toString()).isLessThan(500);
        });
        assertThat(replies.stream().filter(r -> !sentBefore.contains(r.requestId())).count())
                .isGreaterThanOrEqualTo(REPLIES_PER_PHASE);
        return replies.stream().filter(r -> !sentBefore.contains(r.requestId())).toList();
    }

    private void assertAnsweredInFull(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        if (reply.requestId().startsWith("streams")) {
            assertThat(reply.body()).as(reply.toString()).contains("data: [DONE]").doesNotContain("\"error\"");
        }
    }

    private static void assertBreakerOpen(PrometheusText metrics, String region) {
        assertThat(metrics.sum("llmgateway_circuit_breaker_state", Map.of("region", region, "state", "open")))
                .as("breaker of " + region).isEqualTo(1);
    }

    private HttpRequest.Builder chat(String model, boolean stream) {
        return gateway.request("/v1/chat/completions").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT.formatted(model, stream)));
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(gateway.get("/observe/metrics").body());
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
