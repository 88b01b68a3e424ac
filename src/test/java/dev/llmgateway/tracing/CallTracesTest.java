package dev.llmgateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.TestGateway;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spans of real calls through the gateway, in front of its emulator, caught by the SDK's in-memory exporter: the
 * call's span with the GenAI attributes, a span per step, a client span per attempt at a region.
 */
class CallTracesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A word of the prompt: no span may carry it. */
    private static final String PROMPT_WORD = "Zanzibarcopter";
    private static final String MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static OpenTelemetrySdk openTelemetry;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        gateway = TestGateway.start(Map.of(), null, openTelemetry);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        openTelemetry.close();
    }

    @BeforeEach
    void forget() {
        SPANS.reset();
    }

    @AfterEach
    void heal() {
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.healthy());
    }

    @Test
    void aPlainCallIsOneSpanWithTheGenAiAttributesItsStepsAndItsAttempt() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = gateway.send(gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json").header("X-Feature", "search")
                .header("x-request-id", "req-traced-1")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString(chat(false))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode usage = JSON.readTree(response.body()).get("usage");

        SpanData call = callSpan();
        assertThat(call.getName()).isEqualTo("chat claude-3-haiku");
        assertThat(call.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(call.getTraceId()).as("the caller's trace goes on").isEqualTo(traceId);
        assertThat(call.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(call)).containsAllEntriesOf(Map.ofEntries(
                Map.entry("gen_ai.operation.name", "chat"),
                Map.entry("gen_ai.provider.name", "aws.bedrock"),
                Map.entry("gen_ai.system", "aws.bedrock"),
                Map.entry("gen_ai.request.model", "claude-3-haiku"),
                Map.entry("gen_ai.request.max_tokens", 50L),
                Map.entry("gen_ai.response.model", MODEL_ID),
                Map.entry("gen_ai.response.finish_reasons", List.of("end_turn")),
                Map.entry("gen_ai.usage.input_tokens", usage.get("prompt_tokens").asLong()),
                Map.entry("gen_ai.usage.output_tokens", usage.get("completion_tokens").asLong()),
                Map.entry("cloud.region", "us-east-1"),
                Map.entry("llmgateway.request_id", "req-traced-1"),
                Map.entry("llmgateway.route", "chat-completions"),
                Map.entry("llmgateway.team", "default"),
                Map.entry("llmgateway.feature", "search"),
                Map.entry("llmgateway.stream", false),
                Map.entry("http.response.status_code", 200L),
                Map.entry("llmgateway.outcome", "ok")));

        List<String> steps = children(call).stream().map(SpanData::getName).toList();
        assertThat(steps).containsSubsequence("apiKeyAuthenticator", "openAiChatRequestReader", "modelResolver",
                "tokenLimits", "rateLimits", "budgetReservation", "injectionGuard", "piiRedaction", "cacheLookup",
                "bedrockConverseWithFailover", "cacheStore", "piiRestore", "openAiChatResponseWriter");
        assertThat(steps).doesNotContain("noStep");
        SpanData converse = children(call).stream().filter(s -> s.getName().equals("bedrockConverseWithFailover"))
                .findFirst().orElseThrow();
        List<SpanData> attempts = children(converse);
        assertThat(attempts).hasSize(1);
        SpanData attempt = attempts.get(0);
        assertThat(attempt.getName()).isEqualTo("chat " + MODEL_ID);
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(attributes(attempt)).containsAllEntriesOf(Map.of(
                "gen_ai.operation.name", "chat",
                "gen_ai.provider.name", "aws.bedrock",
                "gen_ai.request.model", MODEL_ID,
                "llmgateway.model", "claude-3-haiku",
                "server.address", gateway.emulator().endpoint().getHost(),
                "cloud.region", "us-east-1",
                "llmgateway.attempt", 1L));
        assertNoPromptText();
    }

    @Test
    void aStreamedCallsSpanEndsWhenTheStreamHasEnded() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", chat(true));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("data: [DONE]");

        SpanData call = callSpan();
        assertThat(attributes(call)).containsAllEntriesOf(Map.of(
                "gen_ai.operation.name", "chat",
                "gen_ai.response.model", MODEL_ID,
                "gen_ai.response.finish_reasons", List.of("end_turn"),
                "llmgateway.stream", true,
                "llmgateway.outcome", "ok"));
        assertThat((Long) attributes(call).get("gen_ai.usage.output_tokens")).isPositive();
        SpanData streamer = children(call).stream().filter(s -> s.getName().equals("openAiStreamResponder"))
                .findFirst().orElseThrow();
        SpanData attempt = children(streamer).get(0);
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(attributes(attempt)).containsEntry("llmgateway.outcome", "completed");
        assertThat(attempt.getEvents()).extracting(e -> e.getName()).containsExactly("first_event");
        assertThat(attempt.getEndEpochNanos()).as("the attempt lasts until the stream's end")
                .isLessThanOrEqualTo(streamer.getEndEpochNanos());
        assertThat(streamer.getEndEpochNanos()).isLessThanOrEqualTo(call.getEndEpochNanos());
        assertNoPromptText();
    }

    @Test
    void aFailoverCallHasAFailedAttemptAndTheOneThatAnswered() {
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).build());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", chat(false));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        SpanData call = callSpan();
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attributes(call)).containsEntry("cloud.region", "us-west-2");
        SpanData converse = children(call).stream().filter(s -> s.getName().equals("bedrockConverseWithFailover"))
                .findFirst().orElseThrow();
        List<SpanData> attempts = children(converse);
        assertThat(attempts).hasSize(2);
        assertThat(attributes(attempts.get(0))).containsAllEntriesOf(Map.of(
                "cloud.region", "us-east-1", "llmgateway.attempt", 1L,
                "error.type", "upstream_throttled", "http.response.status_code", 429L));
        assertThat(attempts.get(0).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attributes(attempts.get(1))).containsAllEntriesOf(Map.of(
                "cloud.region", "us-west-2", "llmgateway.attempt", 2L));
        assertThat(attributes(attempts.get(1))).doesNotContainKey("error.type");
        assertThat(attempts.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aRefusedCallIsAnErrorSpanWithoutAttempts() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-haiku", "temperature": 1.5,
                 "messages": [{"role": "user", "content": "%s"}]}""".formatted(PROMPT_WORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        String code = JSON.readTree(response.body()).at("/error/code").asText();

        SpanData call = callSpan();
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attributes(call)).containsAllEntriesOf(Map.of(
                "error.type", code, "http.response.status_code", 400L, "llmgateway.outcome", code,
                "gen_ai.request.model", "claude-3-haiku"));
        assertThat(attributes(call)).doesNotContainKeys("gen_ai.response.model", "gen_ai.usage.input_tokens");
        assertThat(SPANS.getFinishedSpanItems()).noneMatch(span -> span.getKind() == SpanKind.CLIENT);
        assertThat(SPANS.getFinishedSpanItems())
                .filteredOn(span -> span.getStatus().getStatusCode() == StatusCode.ERROR)
                .extracting(SpanData::getName).contains("chat claude-3-haiku")
                .doesNotContain("bedrockConverseWithFailover", "cacheLookup");
        assertNoPromptText();
    }

    @Test
    void anEmbeddingsCallIsAnEmbeddingsSpanWithItsAttempt() {
        HttpResponse<String> response = gateway.post("/v1/embeddings", """
                {"model": "titan-embed-text-v2", "input": ["a %s refund request"]}""".formatted(PROMPT_WORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        SpanData call = callSpan();
        assertThat(call.getName()).isEqualTo("embeddings titan-embed-text-v2");
        assertThat(attributes(call)).containsEntry("gen_ai.operation.name", "embeddings")
                .containsEntry("gen_ai.request.model", "titan-embed-text-v2")
                .containsEntry("llmgateway.route", "embeddings");
        assertThat((Long) attributes(call).get("gen_ai.usage.input_tokens")).isPositive();
        List<SpanData> attempts = SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CLIENT).toList();
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).getTraceId()).isEqualTo(call.getTraceId());
        assertThat(attributes(attempts.get(0))).containsEntry("gen_ai.operation.name", "embeddings")
                .containsEntry("llmgateway.model", "titan-embed-text-v2");
        assertNoPromptText();
    }

    private static String chat(boolean stream) {
        return """
                {"model": "claude-3-haiku", "max_tokens": 50, "stream": %s,
                 "messages": [{"role": "user", "content": "Summarize: the %s opened in May; traffic fell."}]}"""
                .formatted(stream, PROMPT_WORD);
    }

    /** The call's span, once the call is over (it ends after the answer went out). */
    private static SpanData callSpan() {
        Eventually.until("the call's span ended", () -> SPANS.getFinishedSpanItems().stream()
                .anyMatch(span -> span.getAttributes().get(AttributeKey.stringKey("llmgateway.route")) != null));
        List<SpanData> calls = SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getAttributes().get(AttributeKey.stringKey("llmgateway.route")) != null).toList();
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    private static List<SpanData> children(SpanData parent) {
        return SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
                .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();
    }

    private static Map<String, Object> attributes(SpanData span) {
        Map<String, Object> values = new java.util.HashMap<>();
        span.getAttributes().forEach((key, value) -> values.put(key.getKey(), value));
        return values;
    }

    private static void assertNoPromptText() {
        for (SpanData span : SPANS.getFinishedSpanItems()) {
            assertThat(span.getName()).doesNotContain(PROMPT_WORD);
            span.getAttributes().forEach((key, value) ->
                    assertThat(String.valueOf(value)).as(span.getName() + " " + key).doesNotContain(PROMPT_WORD));
        }
    }
}
