package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capabilities over HTTP: a request with tools for a model configured without them is refused in each API's error
 * shape, and GET /v1/models says what each model can do.
 */
class ModelCapabilitiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT_ONLY = "text-only";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of(), """
                models:
                  %s:
                    family: claude
                    contextWindow: 200000
                    maxOutputTokens: 4096
                    defaultMaxTokens: 512
                    targets:
                      - region: us-east-1
                        modelId: anthropic.claude-3-haiku-20240307-v1:0
                """.formatted(TEXT_ONLY));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void openAiToolsForAModelWithoutToolsAre400NamingTheModelAndTheCapability() throws Exception {
        long upstreamBefore = gateway.emulator().stats("us-east-1").requestsReceived();

        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "%s", "messages": [{"role": "user", "content": "What is the weather in Lima?"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "description": "The weather",
                   "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]}"""
                .formatted(TEXT_ONLY));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("code").asText()).isEqualTo("unsupported_capability");
        assertThat(error.get("message").asText()).contains("'" + TEXT_ONLY + "'", "tools", "claude-3-5-sonnet");
        assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).isEqualTo(upstreamBefore);
    }

    @Test
    void anthropicToolsForAModelWithoutToolsAre400NamingTheModelAndTheCapability() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/messages", """
                {"model": "%s", "max_tokens": 100,
                 "messages": [{"role": "user", "content": "What is the weather in Lima?"}],
                 "tools": [{"name": "get_weather", "description": "The weather",
                   "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}]}"""
                .formatted(TEXT_ONLY));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/message").asText()).contains("'" + TEXT_ONLY + "'", "tools");
    }

    @Test
    void theSameModelAnswersWithoutTools() {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "%s", "messages": [{"role": "user", "content": "What is a levee?"}]}""".formatted(TEXT_ONLY));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void theModelListSaysWhatEachModelCanDo() throws Exception {
        JsonNode models = JSON.readTree(gateway.get("/v1/models").body()).get("data");

        assertThat(capabilities(models, TEXT_ONLY)).isEmpty();
        assertThat(capabilities(models, "claude-opus-4-6")).containsExactly("tools", "images", "documents",
                "reasoning", "promptCaching", "structuredOutput");
        assertThat(capabilities(models, "nova-micro")).containsExactly("tools", "promptCaching");
        assertThat(model(models, "nova-micro").get("context_window").asInt()).isEqualTo(128000);
    }

    private static List<String> capabilities(JsonNode models, String alias) {
        List<String> names = new ArrayList<>();
        model(models, alias).get("capabilities").forEach(name -> names.add(name.asText()));
        return names;
    }

    private static JsonNode model(JsonNode models, String alias) {
        for (JsonNode model : models) {
            if (model.get("id").asText().equals(alias)) {
                return model;
            }
        }
        throw new AssertionError("GET /v1/models lists no " + alias);
    }
}
