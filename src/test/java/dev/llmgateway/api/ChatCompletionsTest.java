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

/** POST /v1/chat/completions end to end: YAML routes, processors, camel-aws-bedrock and the AWS SDK, emulator. */
class ChatCompletionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
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
    void answersInTheOpenAiFormatWithUsage() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-5-sonnet", "max_tokens": 200, "temperature": 0.2, "top_p": 0.9, "user": "u-1",
                 "messages": [
                   {"role": "system", "content": "You summarize."},
                   {"role": "user", "content": "The river flooded the valley in spring. Farmers lost their crops. The town rebuilt the levee in summer."}
                 ]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("id").asText()).startsWith("chatcmpl-");
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(body.get("created").asLong()).isPositive();
        assertThat(body.get("model").asText()).isEqualTo("claude-3-5-sonnet");
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asText()).isNotBlank();
        assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = body.get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isPositive();
        assertThat(usage.get("completion_tokens").asInt()).isPositive();
        assertThat(usage.get("total_tokens").asInt())
                .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void theSameRequestGetsTheSameAnswer() throws Exception {
        String request = """
                {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "What is a levee made of?"}]}""";

        String first = JSON.readTree(gateway.post("/v1/chat/completions", request).body())
                .at("/choices/0/message/content").asText();
        String second = JSON.readTree(gateway.post("/v1/chat/completions", request).body())
                .at("/choices/0/message/content").asText();

        assertThat(first).isNotBlank().isEqualTo(second);
    }

    @Test
    void aShortMaxTokensEndsWithFinishReasonLength() throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-5-sonnet", "max_tokens": 3, "messages": [{"role": "user",
                 "content": "Explain in detail how rivers carve valleys over thousands of years and why floods matter."}]}""");

        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("length");
        assertThat(body.at("/usage/completion_tokens").asInt()).isLessThanOrEqualTo(3);
    }

    @Test
    void contentAsTextPartsAndConsecutiveTurnsAreAccepted() {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                {"model": "claude-3-5-haiku", "messages": [
                  {"role": "developer", "content": "Be brief."},
                  {"role": "user", "content": [{"type": "text", "text": "First part."}, {"type": "text", "text": "Second part."}]},
                  {"role": "user", "content": "And a follow-up?"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aCallersRequestIdIsKeptAndReturned() {
        HttpResponse<String> response = gateway.send(gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .header("x-request-id", "trace-0123456789")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "hello there"}]}""")));

        assertThat(response.headers().firstValue("x-request-id")).hasValue("trace-0123456789");
        assertThat(response.body()).contains("chatcmpl-trace-0123456789");
    }

    @Test
    void requestHeadersAreNotEchoedBack() {
        HttpResponse<String> response = gateway.send(gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer sk-secret-value")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "hello there"}]}""")));

        assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("authorization"));
        assertThat(response.headers().map().toString()).doesNotContain("sk-secret-value");
    }
}
