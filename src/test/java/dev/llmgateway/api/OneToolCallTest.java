package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One tool call at a time (OpenAI parallel_tool_calls false, Anthropic disable_parallel_tool_use), which Bedrock
 * cannot be told: an answer that calls one tool stands, one that calls two fails visibly, plain and streamed.
 */
class OneToolCallTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI_TOOLS = """
            "tools": [{"type": "function", "function": {"name": "get_weather", "description": "The weather forecast",
              "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}},
             {"type": "function", "function": {"name": "get_time", "description": "The local time of a place",
              "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]""";
    private static final String ANTHROPIC_TOOLS = """
            "tools": [{"name": "get_weather", "description": "The weather forecast",
              "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}},
             {"name": "get_time", "description": "The local time of a place",
              "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}]""";
    private static final String BOTH = "What are the weather and the local time in Lima?";
    private static final String ONE = "What is the weather in Lima?";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void openAiAnswersWithOneCallStandAndTwoCallsAreA502() throws Exception {
        JsonNode one = JSON.readTree(openAi(ONE, false, false).body());
        HttpResponse<String> two = openAi(BOTH, false, false);
        HttpResponse<String> twoAllowed = openAi(BOTH, true, false);
        HttpResponse<String> twoStreamed = openAi(BOTH, false, true);

        assertThat(one.at("/choices/0/message/tool_calls")).hasSize(1);
        assertThat(two.statusCode()).as(two.body()).isEqualTo(502);
        assertThat(JSON.readTree(two.body()).at("/error/code").asText()).isEqualTo("parallel_tool_calls");
        assertThat(JSON.readTree(twoAllowed.body()).at("/choices/0/message/tool_calls")).hasSize(2);
        assertThat(twoStreamed.body()).contains("parallel_tool_calls").doesNotContain("[DONE]");
    }

    @Test
    void anthropicDisableParallelToolUseIsServedTheSameWay() throws Exception {
        HttpResponse<String> one = anthropic(ONE, false);
        HttpResponse<String> two = anthropic(BOTH, false);
        HttpResponse<String> twoStreamed = anthropic(BOTH, true);

        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(two.statusCode()).as(two.body()).isEqualTo(502);
        assertThat(JSON.readTree(two.body()).at("/error/message").asText()).contains("2 tools at once");
        assertThat(twoStreamed.body()).contains("event: error").doesNotContain("message_stop");
    }

    private static HttpResponse<String> openAi(String question, boolean parallel, boolean stream) throws Exception {
        return gateway.post("/v1/chat/completions", """
                {"model": "claude-3-5-sonnet", "stream": %s, "parallel_tool_calls": %s,
                 "messages": [{"role": "user", "content": "%s"}], %s}""".formatted(stream, parallel, question,
                OPENAI_TOOLS));
    }

    private static HttpResponse<String> anthropic(String question, boolean stream) throws Exception {
        return gateway.send(gateway.request("/v1/messages").header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-5-sonnet", "max_tokens": 200, "stream": %s,
                         "tool_choice": {"type": "auto", "disable_parallel_tool_use": true},
                         "messages": [{"role": "user", "content": "%s"}], %s}""".formatted(stream, question,
                        ANTHROPIC_TOOLS))));
    }
}
