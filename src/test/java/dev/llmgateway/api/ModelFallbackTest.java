package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.store.Jdbc;
import dev.llmgateway.testing.CapturedLogs;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.PrometheusText;
import dev.llmgateway.testing.TestGateway;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An alias with fallbacks, in front of the emulator: once every region of claude-3-haiku throttles, its fallbacks
 * answer (claude-3-5-haiku in eu-west-1, then claude-haiku-4-5 in eu-central-1), plain and streamed, in both APIs.
 */
class ModelFallbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRIMARY = "claude-3-haiku";
    private static final String FALLBACK = "claude-3-5-haiku";
    private static final String SECOND_FALLBACK = "claude-haiku-4-5";
    private static final String OPENAI = """
            {"model": "claude-3-haiku", "max_tokens": 60, "stream": %s,
             "messages": [{"role": "user", "content": "Tell me about rivers and the valleys they carve."}]}""";
    private static final String ANTHROPIC = """
            {"model": "claude-3-haiku", "max_tokens": 60, "stream": %s,
             "messages": [{"role": "user", "content": "Tell me about rivers and the valleys they carve."}]}""";
    private TestGateway gateway;
    private CapturedLogs logs;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start(Map.of(), """
                failover:
                  deadlineMs: 2000
                  backoffBaseMs: 100
                  backoffMaxMs: 400
                  breakerWindow: 4
                  breakerMinimumCalls: 4
                  breakerOpenMs: 60000
                models:
                  claude-3-haiku:
                    fallbacks: [claude-3-5-haiku, claude-haiku-4-5]
                  claude-3-5-haiku:
                    targets:
                      - {region: eu-west-1, modelId: "us.anthropic.claude-3-5-haiku-20241022-v1:0"}
                  claude-haiku-4-5:
                    targets:
                      - {region: eu-central-1, modelId: "us.anthropic.claude-haiku-4-5-20251001-v1:0"}
                """);
        logs = CapturedLogs.start();
    }

    @AfterEach
    void stop() {
        logs.close();
        gateway.close();
    }

    @Test
    void whenEveryRegionThrottlesTheFallbackAnswersAndIsNamedAndRecorded() throws Exception {
        throttle("us-east-1", "us-west-2");
        String requestId = UUID.randomUUID().toString();

        HttpResponse<String> response = gateway.send(gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json").header("x-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(OPENAI.formatted(false))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("model").asText()).isEqualTo(FALLBACK);
        assertThat(response.headers().firstValue("x-llmgateway-model")).hasValue(FALLBACK);
        assertThat(gateway.emulator().stats("eu-west-1").requestsReceived()).isEqualTo(1);
        assertThat(gateway.emulator().stats("eu-central-1").requestsReceived()).isZero();
        assertThat(Eventually.get(() -> ledgerRow(requestId), row -> row != null))
                .isEqualTo(List.of(FALLBACK, "us.anthropic.claude-3-5-haiku-20241022-v1:0", "eu-west-1", PRIMARY));
        JsonNode logLine = requestLogLine(requestId);
        assertThat(logLine.path("model").asText()).isEqualTo(FALLBACK);
        assertThat(logLine.path("fallbackFrom").asText()).isEqualTo(PRIMARY);
        assertThat(logLine.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(metrics().sum("llmgateway_model_fallbacks_total", Map.of("from", PRIMARY, "to", FALLBACK)))
                .isEqualTo(1);
    }

    @Test
    void aFallbackTheCallersTeamMayNotUseIsPassedOver() throws Exception {
        AdminCalls.send(gateway, "POST", "/admin/teams",
                "{\"team\": \"no-3-5\", \"models\": [\"" + PRIMARY + "\", \"" + SECOND_FALLBACK + "\"]}");
        String key = TeamKeys.create(gateway, "no-3-5");
        throttle("us-east-1", "us-west-2");

        HttpResponse<String> response = TeamKeys.post(gateway, key, "/v1/chat/completions", OPENAI.formatted(false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-llmgateway-model")).hasValue(SECOND_FALLBACK);
        assertThat(gateway.emulator().stats("eu-west-1").requestsReceived()).isZero();
    }

    @Test
    void theAnthropicApiNamesTheFallbackThatAnswered() throws Exception {
        throttle("us-east-1", "us-west-2");

        HttpResponse<String> response = anthropic(false);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("model").asText()).isEqualTo(FALLBACK);
        assertThat(response.headers().firstValue("x-llmgateway-model")).hasValue(FALLBACK);
    }

    @Test
    void streamsFallBackWhileNothingHasReachedTheClient() throws Exception {
        throttle("us-east-1", "us-west-2");

        HttpResponse<String> openAi = gateway.post("/v1/chat/completions", OPENAI.formatted(true));
        HttpResponse<String> anthropic = anthropic(true);

        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
        assertThat(openAi.body()).contains("data: [DONE]").doesNotContain("\"error\"");
        assertThat(openAi.headers().firstValue("x-llmgateway-model")).hasValue(FALLBACK);
        assertThat(chunkModels(openAi.body())).isNotEmpty().containsOnly(FALLBACK);
        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(200);
        assertThat(anthropic.body()).contains("event: message_stop").doesNotContain("event: error");
        assertThat(anthropic.headers().firstValue("x-llmgateway-model")).hasValue(FALLBACK);
        assertThat(messageStart(anthropic.body()).at("/message/model").asText()).isEqualTo(FALLBACK);
        assertThat(gateway.emulator().stats("eu-west-1").streamsCompleted()).isEqualTo(2);
    }

    @Test
    void aRequestTheModelRefusesDoesNotFallBack() {
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().failureRate(BedrockError.VALIDATION, 1.0).build());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", OPENAI.formatted(false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(gateway.emulator().stats("us-west-2").requestsReceived()).isZero();
        assertThat(gateway.emulator().stats("eu-west-1").requestsReceived()).isZero();
        assertThat(gateway.emulator().stats("eu-central-1").requestsReceived()).isZero();
    }

    @Test
    void aFallbackWithoutACapabilityTheRequestUsesIsSkipped() throws Exception {
        throttle("us-east-1", "us-west-2");
        String request = """
                {"model": "claude-3-haiku", "max_tokens": 60, "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is in this picture?"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,%s"}}]}]}"""
                .formatted(Base64.getEncoder().encodeToString(png()));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("model").asText()).isEqualTo(SECOND_FALLBACK);
        assertThat(gateway.emulator().stats("eu-west-1").requestsReceived()).as("claude-3-5-haiku has no images")
                .isZero();
        assertThat(gateway.emulator().stats("eu-central-1").requestsReceived()).isEqualTo(1);
        PrometheusText metrics = metrics();
        assertThat(metrics.sum("llmgateway_model_fallbacks_skipped_total",
                Map.of("from", PRIMARY, "to", FALLBACK, "reason", "unsupported_capability"))).isEqualTo(1);
        assertThat(metrics.sum("llmgateway_model_fallbacks_total", Map.of("from", PRIMARY, "to", SECOND_FALLBACK)))
                .isEqualTo(1);
    }

    @Test
    void whenTheFallbacksThrottleTooTheClientGetsTheUsual429InItsApisShape() throws Exception {
        throttle("us-east-1", "us-west-2", "eu-west-1", "eu-central-1");

        HttpResponse<String> openAi = gateway.post("/v1/chat/completions", OPENAI.formatted(false));
        HttpResponse<String> anthropic = anthropic(false);
        HttpResponse<String> stream = gateway.post("/v1/chat/completions", OPENAI.formatted(true));

        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(429);
        assertThat(openAi.headers().firstValue("Retry-After")).isPresent();
        JsonNode openAiError = JSON.readTree(openAi.body()).path("error");
        assertThat(openAiError.path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(openAiError.path("message").asText()).contains("model 'claude-3-haiku'")
                .contains("and its fallbacks 'claude-3-5-haiku' [eu-west-1], 'claude-haiku-4-5' [eu-central-1]");
        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(429);
        JsonNode anthropicError = JSON.readTree(anthropic.body());
        assertThat(anthropicError.path("type").asText()).isEqualTo("error");
        assertThat(anthropicError.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(openAi.headers().firstValue("x-llmgateway-model")).isEmpty();
        assertThat(stream.statusCode()).as("nothing was streamed: a JSON error").isEqualTo(429);
        assertThat(JSON.readTree(stream.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
    }

    @Test
    void theModelListSaysWhichModelsFallBackToWhich() throws Exception {
        JsonNode models = JSON.readTree(gateway.get("/v1/models").body()).path("data");

        assertThat(fallbacksOf(models, PRIMARY)).containsExactly(FALLBACK, SECOND_FALLBACK);
        assertThat(fallbacksOf(models, FALLBACK)).isEmpty();
    }

    private static List<String> fallbacksOf(JsonNode models, String alias) {
        for (JsonNode model : models) {
            if (model.path("id").asText().equals(alias)) {
                List<String> fallbacks = new ArrayList<>();
                model.path("fallbacks").forEach(f -> fallbacks.add(f.asText()));
                return fallbacks;
            }
        }
        throw new AssertionError(alias + " is not listed");
    }

    private HttpResponse<String> anthropic(boolean stream) {
        return gateway.send(gateway.request("/v1/messages").header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(ANTHROPIC.formatted(stream))));
    }

    private void throttle(String... regions) {
        for (String region : regions) {
            gateway.emulator().configureRegion(region,
                    RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).build());
        }
    }

    /** @return the row's model alias, model id, region and fallback_from, or null while it is not written */
    private List<String> ledgerRow(String requestId) {
        List<List<String>> rows = new Jdbc(gateway.application().database().dataSource(), "test").query(
                "SELECT model_alias, model_id, region, fallback_from FROM call_ledger WHERE request_id = ?",
                row -> List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)), requestId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private JsonNode requestLogLine(String requestId) throws Exception {
        String line = Eventually.get(() -> logs.requestLogLines().stream().filter(l -> l.contains(requestId))
                .findFirst().orElse(null), found -> found != null);
        return JSON.readTree(line);
    }

    private PrometheusText metrics() {
        return PrometheusText.parse(gateway.send(HttpRequest.newBuilder(gateway.uri("/observe/metrics")).GET())
                .body());
    }

    private static List<String> chunkModels(String sse) {
        return sse.lines().filter(l -> l.startsWith("data: {")).map(l -> {
            try {
                return JSON.readTree(l.substring(6)).path("model").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static JsonNode messageStart(String sse) throws Exception {
        String data = sse.lines().dropWhile(l -> !l.equals("event: message_start")).skip(1).findFirst().orElseThrow();
        return JSON.readTree(data.substring("data: ".length()));
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
