package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.GuardrailDefinition;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.PrometheusText;
import dev.llmgateway.testing.TestGateway;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bedrock guardrails through the gateway, which calls ApplyGuardrail with the real AWS SDK against the emulator: the
 * prompt blocked before any model call, the answer masked or blocked (streams: in chunks, stopped mid-stream with an
 * error event), tool results checked with the prompt and tool calls' inputs with the answer (plain and streamed), a
 * team's guardrail winning over a model's, a team's set at run time, an unknown guardrail and one that cannot be
 * reached.
 */
class GuardrailsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short enough for the emulated model to quote it back whole: the zebra comes well after the first chunk. */
    private static final String ZEBRA_PROMPT = "The bridge opened in May and traffic on the old road fell by a third "
            + "during the first summer, said the council, while a zebra watched.";
    private static TestGateway gateway;
    private static String plainKey;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of(), """
                guards:
                  guardrails:
                    streamChunkChars: 40
                    deadlineMs: 5000
                    teams:
                      default: {identifier: teamguard1, version: "1"}
                    models:
                      claude-3-haiku: {identifier: modelguard1, version: DRAFT}
                      claude-3-5-haiku: {identifier: nosuchguard1, version: "1"}
                      claude-3-5-sonnet: {identifier: flakyguard1, version: "1", region: eu-west-1}
                """);
        gateway.emulator().defineGuardrail("teamguard1", new GuardrailDefinition("1",
                List.of(new GuardrailDefinition.Topic("Investment advice", List.of("stocks", "portfolio"), null, null)),
                List.of(new GuardrailDefinition.Word("zebra", false, null)),
                List.of(new GuardrailDefinition.Pii("EMAIL", "ANONYMIZED", false, null)), null, null));
        gateway.emulator().defineGuardrail("modelguard1", new GuardrailDefinition(null, List.of(),
                List.of(new GuardrailDefinition.Word("giraffe", null, null)), List.of(), null, null));
        gateway.emulator().defineGuardrail("flakyguard1", new GuardrailDefinition("1", List.of(), List.of(),
                List.of(), null, null));
        gateway.emulator().defineGuardrail("runtimeguard1", new GuardrailDefinition("1", List.of(),
                List.of(new GuardrailDefinition.Word("okapi", null, null)), List.of(), null, null));
        gateway.emulator().defineGuardrail("phoneguard1", new GuardrailDefinition("1", List.of(), List.of(),
                List.of(new GuardrailDefinition.Pii("PHONE", "ANONYMIZED", false, null)), null, null));
        plainKey = TeamKeys.create(gateway, "plain");
        // the first check makes the region's client and connection: it must not count against a test's deadline
        assertThat(gateway.post("/v1/chat/completions", openAi("claude-3-haiku", "Say hello.", false)).statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String openAi(String model, String prompt, boolean stream) {
        return """
                {"model": "%s", "stream": %s, "messages": [{"role": "user", "content": "%s"}]}"""
                .formatted(model, stream, prompt);
    }

    private static String anthropic(String model, String prompt, boolean stream) {
        return """
                {"model": "%s", "max_tokens": 300, "stream": %s, "messages": [{"role": "user", "content": "%s"}]}"""
                .formatted(model, stream, prompt);
    }

    @Test
    void aBlockedPromptIsA400NamingTheGuardrailAndWhatItFlaggedAndNoModelIsCalled() throws Exception {
        long before = gateway.emulator().stats("us-east-1").requestsReceived();
        Map<String, String> blockedInputs = Map.of("team", "default", "source", "input", "decision", "blocked");
        double blockedBefore = metrics().sum("llmgateway_guard_guardrails_total", blockedInputs);

        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                openAi("claude-3-haiku", "Which stocks should I buy for my portfolio?", false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("guardrail_intervened");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).contains("prompt", "'teamguard1' version 1",
                "denied topic 'Investment advice'").doesNotContain("stocks").doesNotContain("portfolio");
        assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).as("ApplyGuardrail only")
                .isEqualTo(before + 1);
        assertThat(metrics().sum("llmgateway_guard_guardrails_total", blockedInputs)).isEqualTo(blockedBefore + 1);
    }

    private static PrometheusText metrics() {
        return PrometheusText.parse(gateway.send(HttpRequest.newBuilder(gateway.uri("/observe/metrics")).GET()).body());
    }

    @Test
    void aBlockedPromptIsAnAnthropicErrorTooEvenWhenStreamed() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/messages",
                anthropic("claude-3-haiku", "Is my portfolio too risky?", true));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/message").asText()).contains("teamguard1", "Investment advice");
    }

    @Test
    void aMaskedAnswerIsServedAsTheGuardrailMaskedIt() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                openAi("claude-3-haiku", "Please write to ana.lopez@example.com about the invoice.", false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String answer = JSON.readTree(response.body()).at("/choices/0/message/content").asText();
        assertThat(answer).contains("{EMAIL}").doesNotContain("ana.lopez@example.com");
        assertThat(response.headers().firstValue("x-llmgateway-guardrail")).hasValue("output_masked");
    }

    @Test
    void aStreamedAnswerIsMaskedChunkByChunk() throws Exception {
        long before = gateway.emulator().stats("us-east-1").requestsReceived();

        List<JsonNode> events = stream("/v1/messages", anthropic("claude-3-haiku",
                "Please write to ana.lopez@example.com about the invoice, and mention the March figures too.", true));

        String text = anthropicText(events);
        assertThat(text).contains("{EMAIL}").doesNotContain("ana.lopez@example.com").contains("March");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("message_stop");
        long outputChecks = gateway.emulator().stats("us-east-1").requestsReceived() - before - 2;
        assertThat(outputChecks).as("one check per chunk of at most 40 characters, cut after a space")
                .isGreaterThanOrEqualTo(text.length() / 40).isLessThanOrEqualTo(text.length() / 20 + 1);
    }

    @Test
    void aBlockedAnswerIsA400WithoutTheAnswer() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/messages", anthropic("claude-3-haiku", ZEBRA_PROMPT, false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/error/message").asText()).contains("answer", "teamguard1", "a blocked word")
                .doesNotContain("zebra").doesNotContain("bridge");
    }

    @Test
    void anOpenAiStreamIsStoppedWithAnErrorEventWhenAChunkIsBlocked() throws Exception {
        List<JsonNode> events = stream("/v1/chat/completions", openAi("claude-3-haiku", ZEBRA_PROMPT, true));

        StringBuilder text = new StringBuilder();
        events.stream().map(e -> e.at("/choices/0/delta/content")).filter(JsonNode::isTextual)
                .forEach(t -> text.append(t.asText()));
        assertThat(text.toString()).as("the chunks before the blocked one went out").contains("bridge")
                .doesNotContain("zebra");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.at("/error/code").asText()).isEqualTo("guardrail_intervened");
        assertThat(last.at("/error/message").asText()).contains("teamguard1").doesNotContain("zebra");
    }

    @Test
    void anAnthropicStreamIsStoppedWithAnErrorEventWhenAChunkIsBlocked() throws Exception {
        List<JsonNode> events = stream("/v1/messages", anthropic("claude-3-haiku", ZEBRA_PROMPT, true));

        assertThat(anthropicText(events)).contains("bridge").doesNotContain("zebra");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("error");
        assertThat(last.at("/error/message").asText()).contains("a blocked word");
        assertThat(events).noneMatch(e -> "message_stop".equals(e.path("type").asText()));
    }

    @Test
    void aStreamedToolCallWaitsBehindTheTextBeforeIt() throws Exception {
        List<JsonNode> events = stream("/v1/chat/completions", """
                {"model": "claude-3-haiku", "stream": true, "tools": [{"type": "function", "function": {
                  "name": "get_weather", "description": "Get the current weather for a city",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                 "required": ["city"]}}}],
                 "messages": [{"role": "user", "content": "What is the weather in Lima today?"}]}""");

        int lastText = -1;
        int firstToolCall = -1;
        for (int i = 0; i < events.size(); i++) {
            JsonNode delta = events.get(i).at("/choices/0/delta");
            if (delta.path("content").isTextual() && !delta.path("content").asText().isEmpty()) {
                lastText = i;
            }
            if (delta.has("tool_calls") && firstToolCall < 0) {
                firstToolCall = i;
            }
        }
        assertThat(lastText).as("the model's sentence before its call").isNotNegative();
        assertThat(firstToolCall).as("the tool call, after the checked text").isGreaterThan(lastText);
        assertThat(events.get(firstToolCall).at("/choices/0/delta/tool_calls/0/function/name").asText())
                .isEqualTo("get_weather");
        assertThat(events).anyMatch(e -> "tool_calls".equals(e.at("/choices/0/finish_reason").asText()));
    }

    /** A request offering two tools: the emulated model calls the one the prompt names, with what follows its field. */
    private static String toolRequest(String prefix, String prompt, boolean stream) {
        return prefix.formatted(stream) + """
                 "messages": [{"role": "user", "content": "%s"}]}""".formatted(prompt);
    }

    private static final String OPENAI_TOOLS = """
            {"model": "claude-3-haiku", "stream": %s, "tools": [
              {"type": "function", "function": {"name": "find_animal", "description": "Find where an animal lives",
               "parameters": {"type": "object", "properties": {"animal": {"type": "string"}}, "required": ["animal"]}}},
              {"type": "function", "function": {"name": "send_email", "description": "Send an email message",
               "parameters": {"type": "object", "properties": {"recipient": {"type": "string"}},
                              "required": ["recipient"]}}}],
            """;
    private static final String ANTHROPIC_TOOLS = """
            {"model": "claude-3-haiku", "max_tokens": 300, "stream": %s, "tools": [
              {"name": "find_animal", "description": "Find where an animal lives",
               "input_schema": {"type": "object", "properties": {"animal": {"type": "string"}},
                                "required": ["animal"]}},
              {"name": "send_email", "description": "Send an email message",
               "input_schema": {"type": "object", "properties": {"recipient": {"type": "string"}},
                                "required": ["recipient"]}}],
            """;
    private static final String ZEBRA_CALL = "Call find_animal for the animal zebra, please.";
    private static final String EMAIL_CALL = "Call send_email for the recipient ana.lopez@example.com, please.";

    @Test
    void aToolResultSentBackIsCheckedWithThePrompt() throws Exception {
        long before = gateway.emulator().stats("us-east-1").requestsReceived();

        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-haiku", "tools": [{"type": "function", "function": {"name": "get_news",
                  "parameters": {"type": "object", "properties": {"topic": {"type": "string"}}}}}],
                 "messages": [{"role": "user", "content": "Any news about the harbour?"},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "call_n", "type": "function",
                   "function": {"name": "get_news", "arguments": "{\\"topic\\": \\"harbour\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_n", "content": "Analysts say which stocks to buy now."}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("prompt",
                "denied topic 'Investment advice'").doesNotContain("stocks");
        assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).as("ApplyGuardrail only")
                .isEqualTo(before + 1);
    }

    @Test
    void aToolCallsArgumentsAreCheckedWithTheAnswerAndABlockedOneIsA400() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions",
                toolRequest(OPENAI_TOOLS, ZEBRA_CALL, false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("guardrail_intervened");
        assertThat(error.get("message").asText()).contains("answer", "a blocked word").doesNotContain("zebra");
    }

    @Test
    void aToolCallsMaskedArgumentsAreServedAsTheGuardrailMaskedThem() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/messages", toolRequest(ANTHROPIC_TOOLS, EMAIL_CALL, false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode call = JSON.readTree(response.body()).at("/content/1");
        assertThat(call.get("name").asText()).isEqualTo("send_email");
        assertThat(call.at("/input/recipient").asText()).isEqualTo("{EMAIL}");
        assertThat(response.body()).doesNotContain("ana.lopez@example.com");
        assertThat(response.headers().firstValue("x-llmgateway-guardrail")).hasValue("output_masked");
    }

    @Test
    void aStreamedToolCallIsHeldUntilItsArgumentsAreCheckedAndABlockedOneStopsTheStream() throws Exception {
        List<JsonNode> events = stream("/v1/chat/completions", toolRequest(OPENAI_TOOLS, ZEBRA_CALL, true));

        StringBuilder text = new StringBuilder();
        events.stream().map(e -> e.at("/choices/0/delta/content")).filter(JsonNode::isTextual)
                .forEach(t -> text.append(t.asText()));
        assertThat(text.toString()).as("the checked text before the call went out").contains("find_animal");
        assertThat(events).as("no part of the blocked call").noneMatch(e -> e.at("/choices/0/delta").has("tool_calls"));
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.at("/error/code").asText()).isEqualTo("guardrail_intervened");
        assertThat(last.at("/error/message").asText()).contains("call of tool find_animal", "a blocked word")
                .doesNotContain("zebra");
    }

    @Test
    void aStreamedToolCallsMaskedArgumentsGoOutMaskedInOnePiece() throws Exception {
        List<JsonNode> events = stream("/v1/messages", toolRequest(ANTHROPIC_TOOLS, EMAIL_CALL, true));

        List<String> inputs = new ArrayList<>();
        events.stream().filter(e -> "input_json_delta".equals(e.at("/delta/type").asText()))
                .forEach(e -> inputs.add(e.at("/delta/partial_json").asText()));
        assertThat(inputs).hasSize(1);
        assertThat(JSON.readTree(inputs.get(0)).get("recipient").asText()).isEqualTo("{EMAIL}");
        assertThat(events.toString()).doesNotContain("ana.lopez@example.com");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("message_stop");
    }

    @Test
    void aStreamedToolCallOfATeamThatRedactsPiiIsCheckedWithPlaceholdersAndGetsItsValuesBack() throws Exception {
        AdminCalls.send(gateway, "POST", "/admin/teams", "{\"team\": \"redacting\", \"pii_redact_upstream\": true, "
                + "\"guardrail\": {\"identifier\": \"teamguard1\", \"version\": \"1\"}}");
        String key = TeamKeys.create(gateway, "redacting");

        List<JsonNode> events = stream(key, "/v1/messages", toolRequest(ANTHROPIC_TOOLS, EMAIL_CALL, true));

        List<String> inputs = new ArrayList<>();
        events.stream().filter(e -> "input_json_delta".equals(e.at("/delta/type").asText()))
                .forEach(e -> inputs.add(e.at("/delta/partial_json").asText()));
        assertThat(inputs).as("the guardrail saw <EMAIL_1>, which it does not mask").hasSize(1);
        assertThat(JSON.readTree(inputs.get(0)).get("recipient").asText()).isEqualTo("ana.lopez@example.com");
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("message_stop");
    }

    @Test
    void aMaskThatLeavesAToolCallsInputNoLongerJsonIsA502RatherThanAGuess() throws Exception {
        AdminCalls.send(gateway, "POST", "/admin/teams",
                "{\"team\": \"phones\", \"guardrail\": {\"identifier\": \"phoneguard1\", \"version\": \"1\"}}");
        String key = TeamKeys.create(gateway, "phones");

        HttpResponse<String> response = TeamKeys.post(gateway, key, "/v1/chat/completions", """
                {"model": "claude-3-haiku", "tools": [{"type": "function", "function": {"name": "call_back",
                  "description": "Ring a customer back", "parameters": {"type": "object",
                  "properties": {"phone": {"type": "integer"}}, "required": ["phone"]}}}],
                 "messages": [{"role": "user", "content": "Use call_back on the phone 5551234567 today."}]}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("guardrail_failed");
        assertThat(error.get("message").asText()).contains("phoneguard1", "call_back", "no longer JSON")
                .doesNotContain("5551234567");
    }

    @Test
    void aTeamsGuardrailWinsOverTheModels() throws Exception {
        String prompt = "Describe the giraffe enclosure at the city zoo.";

        assertThat(gateway.post("/v1/chat/completions", openAi("claude-3-haiku", prompt, false)).statusCode())
                .as("team default has its own guardrail, which lets giraffes by").isEqualTo(200);
        HttpResponse<String> plain = TeamKeys.post(gateway, plainKey, "/v1/chat/completions",
                openAi("claude-3-haiku", prompt, false));
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(plain.body()).at("/error/message").asText()).contains("'modelguard1' version DRAFT");
    }

    @Test
    void aTeamsGuardrailSetAtRunTimeApplies() throws Exception {
        HttpResponse<String> created = AdminCalls.send(gateway, "POST", "/admin/teams", """
                {"team": "runtime", "guardrail": {"identifier": "runtimeguard1", "version": "1"}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(AdminCalls.json(created).at("/guardrail/identifier").asText()).isEqualTo("runtimeguard1");
        String key = TeamKeys.create(gateway, "runtime");

        HttpResponse<String> response = TeamKeys.post(gateway, key, "/v1/chat/completions",
                openAi("claude-3-haiku", "Where does the okapi live?", false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("runtimeguard1");
        HttpResponse<String> wrong = AdminCalls.send(gateway, "PATCH", "/admin/teams/runtime", """
                {"guardrail": {"identifier": "runtimeguard1", "version": "latest"}}""");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(AdminCalls.json(wrong).at("/error/message").asText()).contains("'guardrail'", "version");
    }

    @Test
    void anUnknownGuardrailFailsTheCallClosed() throws Exception {
        HttpResponse<String> response = TeamKeys.post(gateway, plainKey, "/v1/messages",
                anthropic("claude-3-5-haiku", "Say hello.", false));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("nosuchguard1",
                "does not exist");
    }

    @Test
    void aGuardrailThatCannotBeReachedFailsTheCallWith503() throws Exception {
        gateway.emulator().configureRegion("eu-west-1", RegionBehaviour.builder()
                .failureRate(BedrockError.SERVICE_UNAVAILABLE, 1.0).build());
        try {
            HttpResponse<String> response = TeamKeys.post(gateway, plainKey, "/v1/chat/completions",
                    openAi("claude-3-5-sonnet", "Say hello.", false));

            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode error = JSON.readTree(response.body()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("guardrail_unavailable");
            assertThat(error.get("message").asText()).contains("flakyguard1", "eu-west-1");
            assertThat(gateway.emulator().stats("eu-west-1").requestsReceived()).as("tried again until the deadline")
                    .isGreaterThan(1);
        } finally {
            gateway.emulator().configureRegion("eu-west-1", RegionBehaviour.healthy());
        }
    }

    private static String anthropicText(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "content_block_delta".equals(e.path("type").asText()))
                .map(e -> e.at("/delta/text")).filter(JsonNode::isTextual).forEach(t -> text.append(t.asText()));
        return text.toString();
    }

    private static List<JsonNode> stream(String path, String body) throws Exception {
        return stream(TestGateway.API_KEY, path, body);
    }

    /** @return the stream's data payloads as JSON, [DONE] left out */
    private static List<JsonNode> stream(String key, String path, String body) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.uri(path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                    events.add(JSON.readTree(line.substring(6)));
                }
            }
        }
        return events;
    }
}
