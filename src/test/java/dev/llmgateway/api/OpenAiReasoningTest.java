package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * reasoning_effort on /v1/chat/completions, read the way OpenAI-compatible clients of Claude read it: the answer's
 * reasoning_content and thinking_blocks, which an agent loop sends back on the assistant message; reasoning tokens
 * in the usage. PII redaction is on: the reasoning keeps the placeholders its signature covers.
 */
class OpenAiReasoningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "claude-haiku-4-5";
    private static final String QUESTION = "I am jane.doe@example.com. What is the weather in Lima?";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_GUARDS_PII_REDACTUPSTREAM", "true"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static ObjectNode request(String effort) throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree("""
                {"model": "%s", "max_completion_tokens": 3000, "reasoning_effort": "%s",
                 "tools": [{"type": "function", "function": {"name": "get_weather",
                   "description": "The current weather in a city",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                                  "required": ["city"]}}}]}""".formatted(MODEL, effort));
        request.putArray("messages").addObject().put("role", "user").put("content", QUESTION);
        return request;
    }

    private static JsonNode post(JsonNode request) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aToolLoopSendsTheThinkingBlocksBackAndCountsReasoningTokens() throws Exception {
        ObjectNode request = request("low");
        JsonNode first = post(request);

        JsonNode message = first.get("choices").get(0).get("message");
        assertThat(first.get("choices").get(0).get("finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode block = message.get("thinking_blocks").get(0);
        assertThat(block.get("type").asText()).isEqualTo("thinking");
        assertThat(block.get("signature").asText()).isNotBlank();
        assertThat(message.get("reasoning_content").asText()).isEqualTo(block.get("thinking").asText())
                .contains("<EMAIL_1>").doesNotContain("jane.doe");
        JsonNode usage = first.get("usage");
        assertThat(usage.get("completion_tokens_details").get("reasoning_tokens").asInt()).isPositive()
                .isLessThan(usage.get("completion_tokens").asInt());

        answerTheToolCall(request, message, message);
        JsonNode second = post(request);

        assertThat(second.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        assertThat(second.get("choices").get(0).get("message").get("content").asText())
                .contains("18 degrees and sunny");
    }

    @Test
    void theThinkingBlocksAreNeededWhenToolResultsFollow() throws Exception {
        ObjectNode request = request("medium");
        JsonNode message = post(request).get("choices").get(0).get("message");
        ObjectNode withoutThinking = message.deepCopy();
        withoutThinking.remove("thinking_blocks");
        answerTheToolCall(request, withoutThinking, message);

        HttpResponse<String> response = gateway.post("/v1/chat/completions", request.toString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("must start with a thinking block");
    }

    @Test
    void aStreamCarriesReasoningContentThenTheWholeBlocksAndTheReasoningTokens() throws Exception {
        JsonNode plain = post(request("high")).get("choices").get(0).get("message");
        ObjectNode request = request("high");
        request.put("stream", true).putObject("stream_options").put("include_usage", true);

        HttpResponse<String> response = gateway.post("/v1/chat/completions", request.toString());

        StringBuilder reasoning = new StringBuilder();
        List<JsonNode> blocks = new ArrayList<>();
        JsonNode usage = null;
        for (String line : response.body().split("\n")) {
            if (!line.startsWith("data: {")) {
                continue;
            }
            JsonNode chunk = JSON.readTree(line.substring("data: ".length()));
            if (chunk.hasNonNull("usage")) {
                usage = chunk.get("usage");
            }
            JsonNode delta = chunk.path("choices").path(0).path("delta");
            if (delta.has("reasoning_content")) {
                assertThat(blocks).as("reasoning comes before the blocks are whole").isEmpty();
                reasoning.append(delta.get("reasoning_content").asText());
            }
            delta.path("thinking_blocks").forEach(blocks::add);
        }
        assertThat(reasoning.toString()).isEqualTo(plain.get("reasoning_content").asText());
        assertThat(blocks).containsExactlyElementsOf(plain.get("thinking_blocks"));
        assertThat(usage.get("completion_tokens_details").get("reasoning_tokens").asInt()).isPositive();
    }

    @Test
    void theEffortsBudgetIsLoweredBelowTheOutputLimitOrRefusedWhenItCannotBe() throws Exception {
        ObjectNode lowered = request("high");
        lowered.put("max_completion_tokens", 1500);
        assertThat(post(lowered).get("choices").get(0).get("message").has("thinking_blocks")).isTrue();

        ObjectNode tooSmall = request("low");
        tooSmall.put("max_completion_tokens", 1000);
        assertRefused(tooSmall, "Reasoning needs an output limit above its budget");
    }

    @Test
    void whatCannotBeServedIsRefusedByName() throws Exception {
        ObjectNode otherModel = request("low");
        otherModel.put("model", "claude-3-5-sonnet");
        assertRefused(otherModel, "The model 'claude-3-5-sonnet' does not support reasoning");
        ObjectNode unknownEffort = request("extreme");
        assertRefused(unknownEffort, "reasoning_effort 'extreme' is not one of none, minimal, low, medium, high");
        ObjectNode verbosity = request("low");
        verbosity.put("verbosity", "low");
        assertRefused(verbosity, "'verbosity' is not supported by this gateway");
        ObjectNode forced = request("low");
        forced.put("tool_choice", "required");
        assertRefused(forced, "Claude cannot be made to call a tool while it reasons");
        ObjectNode userThinking = request("low");
        ((ObjectNode) userThinking.get("messages").get(0)).putArray("thinking_blocks").addObject()
                .put("type", "thinking").put("thinking", "x").put("signature", "y");
        assertRefused(userThinking, "only assistant messages carry the model's reasoning");
    }

    @Test
    void thinkingSentBackWithPersonalDataIsRefusedToATeamThatRedacts() throws Exception {
        ObjectNode request = request("low");
        JsonNode message = post(request).get("choices").get(0).get("message");
        ObjectNode altered = message.deepCopy();
        ObjectNode block = (ObjectNode) altered.get("thinking_blocks").get(0);
        block.put("thinking", block.get("thinking").asText().replace("<EMAIL_1>", "jane.doe@example.com"));
        answerTheToolCall(request, altered, message);

        assertRefused(request, "the thinking blocks sent back hold some (EMAIL)");
    }

    /** Adds the assistant message sent back and the tool's answer to the call the model made in its answer. */
    private static void answerTheToolCall(ObjectNode request, JsonNode sentBack, JsonNode answer) {
        ArrayNode messages = (ArrayNode) request.get("messages");
        messages.add(sentBack);
        messages.addObject().put("role", "tool")
                .put("tool_call_id", answer.get("tool_calls").get(0).get("id").asText())
                .put("content", "18 degrees and sunny");
    }

    private static void assertRefused(JsonNode request, String reason) {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(reason);
    }
}
