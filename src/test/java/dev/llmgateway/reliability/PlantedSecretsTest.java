package dev.llmgateway.reliability;

import static dev.llmgateway.testing.PlantedSecrets.PROMPT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.auth.ApiKeySecrets;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.CapturedLogs;
import dev.llmgateway.testing.PlantedSecrets;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Planted keys and personal data, sent in every way a caller can (headers, prompts in both APIs, streamed and not,
 * calls that fail in each step), with request-log bodies on: none may appear in any log line. The lines also go to the
 * suite's log file, which SuiteLogSecretsIT scans once the whole suite has run.
 */
class PlantedSecretsTest {

    private static final AtomicInteger CALLS = new AtomicInteger();
    private static TestGateway gateway;
    private CapturedLogs logs;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_FAILOVER_DEADLINEMS", "2000"), """
                    - {team: planted, name: planted, key: "sha256:%s"}
                observability:
                  requestLog:
                    bodies: true
                guards:
                  pii:
                    teams: {planted: true}
                """.formatted(ApiKeySecrets.hash(PlantedSecrets.TEAM_KEY)));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void capture() {
        logs = CapturedLogs.start();
    }

    @AfterEach
    void scan() {
        logs.close();
        String logged = logs.events().stream().map(e -> e.getMessage().getFormattedMessage()
                        + (e.getThrown() == null ? "" : " " + e.getThrown()))
                .collect(Collectors.joining("\n"));
        assertThat(logs.requestLogLines()).as("the calls were logged").isNotEmpty();
        assertThat(PlantedSecrets.foundIn(logged)).as("planted values in the log:\n%s", logged).isEmpty();
    }

    private static HttpResponse<String> call(String key, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path))
                .header("Content-Type", "application/json")
                .header("x-request-id", PlantedSecrets.REQUEST_ID_PREFIX + CALLS.incrementAndGet())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header(path.equals("/v1/messages") ? "x-api-key" : "Authorization",
                    path.equals("/v1/messages") ? key : "Bearer " + key);
        }
        headers.forEach(request::header);
        return gateway.send(request);
    }

    private static String openAi(String model, String prompt, boolean stream) {
        return """
                {"model": "%s", "max_tokens": 60, "stream": %s, "user": "%s",
                 "messages": [{"role": "system", "content": "Account owner: %s"}, {"role": "user", "content": "%s"}]}"""
                .formatted(model, stream, PlantedSecrets.EMAIL, PlantedSecrets.PHONE, prompt);
    }

    private static String anthropic(String model, String prompt, boolean stream) {
        return """
                {"model": "%s", "max_tokens": 60, "stream": %s, "system": "Account owner: %s",
                 "metadata": {"user_id": "%s"}, "messages": [{"role": "user", "content": "%s"}]}"""
                .formatted(model, stream, PlantedSecrets.PHONE, PlantedSecrets.EMAIL, prompt);
    }

    @Test
    void answeredCallsInBothApisStreamedAndNot() {
        for (String key : List.of(TestGateway.API_KEY, PlantedSecrets.TEAM_KEY)) {
            for (boolean stream : List.of(false, true)) {
                assertThat(call(key, "/v1/chat/completions", openAi("claude-3-haiku", PROMPT, stream), Map.of())
                        .statusCode()).isEqualTo(200);
                assertThat(call(key, "/v1/messages", anthropic("claude-3-haiku", PROMPT, stream), Map.of())
                        .statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void keysThatAreWrongMissingOrInOddPlaces() {
        for (String path : List.of("/v1/chat/completions", "/v1/messages")) {
            assertThat(call(PlantedSecrets.WRONG_KEY, path, openAi("claude-3-haiku", PROMPT, false), Map.of())
                    .statusCode()).isEqualTo(401);
            assertThat(call(null, path, openAi("claude-3-haiku", PROMPT, false),
                    Map.of("x-api-key", PlantedSecrets.WRONG_KEY, "Authorization", "Basic " + PlantedSecrets.TEAM_KEY))
                    .statusCode()).isEqualTo(401);
            assertThat(call(PlantedSecrets.TEAM_KEY, path, openAi("claude-3-haiku", PROMPT, false),
                    Map.of("X-Feature", PlantedSecrets.EMAIL)).statusCode()).isEqualTo(400);
        }
        assertThat(gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/keys"))
                .header("Authorization", "Bearer " + PlantedSecrets.TEAM_KEY).GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void callsRefusedByEachStep() {
        for (String key : List.of(TestGateway.API_KEY, PlantedSecrets.TEAM_KEY)) {
            for (String path : List.of("/v1/chat/completions", "/v1/messages")) {
                String body = path.equals("/v1/messages") ? anthropic("claude-3-haiku", PROMPT, false)
                        : openAi("claude-3-haiku", PROMPT, false);
                assertThat(call(key, path, body.replace("claude-3-haiku", PlantedSecrets.EMAIL), Map.of())
                        .statusCode()).as("unknown model").isBetween(400, 499);
                assertThat(call(key, path, body.substring(0, body.length() - 5) + PlantedSecrets.CARD, Map.of())
                        .statusCode()).as("broken JSON").isEqualTo(400);
                assertThat(call(key, path, body.replace("\"max_tokens\": 60", "\"max_tokens\": \"" + PlantedSecrets.SSN
                        + "\""), Map.of()).statusCode()).as("a wrong type").isEqualTo(400);
                assertThat(call(key, path, body.replace("\"max_tokens\": 60", "\"max_tokens\": 60, \"temperature\": 7"),
                        Map.of()).statusCode()).as("out of range").isEqualTo(400);
            }
        }
    }

    @Test
    void callsTheUpstreamFails() {
        try {
            for (String region : List.of("us-east-1", "us-west-2")) {
                gateway.emulator().configureRegion(region,
                        RegionBehaviour.builder().failureRate(BedrockError.INTERNAL_SERVER, 1.0).build());
            }
            for (String key : List.of(TestGateway.API_KEY, PlantedSecrets.TEAM_KEY)) {
                for (boolean stream : List.of(false, true)) {
                    assertThat(call(key, "/v1/chat/completions", openAi("claude-3-haiku", PROMPT, stream), Map.of())
                            .statusCode()).isGreaterThanOrEqualTo(500);
                    assertThat(call(key, "/v1/messages", anthropic("claude-3-haiku", PROMPT, stream), Map.of())
                            .statusCode()).isGreaterThanOrEqualTo(500);
                }
            }
        } finally {
            gateway.emulator().resetRegions();
        }
    }
}
