package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client mistakes get a 4xx OpenAI-style error that says what was wrong, never a 500 or a stack trace. */
class BadRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_SERVER_MAXREQUESTBYTES", "65536"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            broken JSON          | {"model": "claude-3-haiku", "messages": [     | 400 | invalid_json         | not valid JSON
            not an object        | [1, 2, 3]                                      | 400 | invalid_json         | must be a JSON object
            missing model        | {"messages": [{"role": "user", "content": "hi"}]} | 400 | missing_field     | 'model' is required
            model not a string   | {"model": 42, "messages": [{"role": "user", "content": "hi"}]} | 400 | invalid_type | 'model' must be a string, got a number
            missing messages     | {"model": "claude-3-haiku"}                    | 400 | missing_field        | 'messages' is required
            empty messages       | {"model": "claude-3-haiku", "messages": []}    | 400 | invalid_value        | must hold at least one item
            unknown role         | {"model": "claude-3-haiku", "messages": [{"role": "wizard", "content": "hi"}]} | 400 | invalid_value | role 'wizard' is not supported
            empty content        | {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "  "}]} | 400 | invalid_value | messages[0].content is empty
            image without url    | {"model": "claude-3-haiku", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}]} | 400 | missing_field | 'messages[0].content[0].image_url.url' is required
            remote image         | {"model": "claude-3-haiku", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "http://169.254.169.254/latest/meta-data"}}]}]} | 400 | unsupported_content | fetches images only from the addresses media.remoteImageUrls allows
            image not base64     | {"model": "claude-3-haiku", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,%%%"}}]}]} | 400 | invalid_value | is not valid base64
            image not its type   | {"model": "claude-3-haiku", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,aGVsbG8="}}]}]} | 400 | invalid_value | is not a png image
            audio part           | {"model": "claude-3-haiku", "messages": [{"role": "user", "content": [{"type": "input_audio", "input_audio": {}}]}]} | 400 | unsupported_content | text, image_url and file parts are served
            max_tokens string    | {"model": "claude-3-haiku", "max_tokens": "10", "messages": [{"role": "user", "content": "hi"}]} | 400 | invalid_type | 'max_tokens' must be an integer
            max_tokens zero      | {"model": "claude-3-haiku", "max_tokens": 0, "messages": [{"role": "user", "content": "hi"}]} | 400 | invalid_value | at least 1
            temperature too high | {"model": "claude-3-haiku", "temperature": 1.5, "messages": [{"role": "user", "content": "hi"}]} | 400 | invalid_value | accept 0 to 1
            top_p too high       | {"model": "claude-3-haiku", "top_p": 3, "messages": [{"role": "user", "content": "hi"}]} | 400 | invalid_value | top_p must be between
            stop wrong type      | {"model": "claude-3-haiku", "stop": 5, "messages": [{"role": "user", "content": "hi"}]} | 400 | invalid_type | 'stop' must be a string or an array
            n above one          | {"model": "claude-3-haiku", "n": 2, "messages": [{"role": "user", "content": "hi"}]} | 400 | unsupported_parameter | 'n' must be 1
            tool name Bedrock refuses | {"model": "claude-3-haiku", "tools": [{"type": "function", "function": {"name": "get weather"}}], "messages": [{"role": "user", "content": "hi"}]} | 400 | invalid_value | tools[0].function.name must be 1 to 64 letters
            tool arguments not JSON | {"model": "claude-3-haiku", "tools": [{"type": "function", "function": {"name": "f"}}], "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{oops"}}]}]} | 400 | invalid_value | messages[1].tool_calls[0].function.arguments is not valid JSON
            strict tool          | {"model": "claude-3-haiku", "tools": [{"type": "function", "function": {"name": "f", "strict": true}}], "messages": [{"role": "user", "content": "hi"}]} | 400 | unsupported_parameter | 'tools[0].function.strict' must be false
            response_format type | {"model": "claude-3-haiku", "response_format": {"type": "yaml"}, "messages": [{"role": "user", "content": "hi"}]} | 400 | invalid_value | response_format.type 'yaml' is not one of
            seed                 | {"model": "claude-3-haiku", "seed": 7, "messages": [{"role": "user", "content": "hi"}]} | 400 | unsupported_parameter | 'seed' is not supported
            misspelled field     | {"model": "claude-3-haiku", "temprature": 0.5, "messages": [{"role": "user", "content": "hi"}]} | 400 | unknown_parameter | did you mean 'temperature'?
            message name         | {"model": "claude-3-haiku", "messages": [{"role": "user", "name": "ann", "content": "hi"}]} | 400 | unsupported_parameter | 'messages[0].name'
            assistant turn empty | {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": null, "tool_calls": []}]} | 400 | invalid_value | messages[1] has neither content nor tool calls
            text part extra      | {"model": "claude-3-haiku", "messages": [{"role": "user", "content": [{"type": "text", "text": "hi", "citations": []}]}]} | 400 | unknown_parameter | 'messages[0].content[0].citations'
            stream_options extra | {"model": "claude-3-haiku", "stream_options": {"include_usage": true, "x": 1}, "messages": [{"role": "user", "content": "hi"}]} | 400 | unknown_parameter | 'stream_options.x'
            assistant first      | {"model": "claude-3-haiku", "messages": [{"role": "assistant", "content": "hi"}]} | 400 | invalid_value | must start with a user message
            unknown model        | {"model": "gpt-17", "messages": [{"role": "user", "content": "hi"}]} | 404 | model_not_found | available models: claude-3-5-haiku
            """)
    void isRefusedWithAClearError(String name, String body, int status, String code, String message) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/chat/completions", body);

        assertError(response, status, code, message);
    }

    @Test
    void emptyBodyIsRefused() throws Exception {
        assertError(gateway.post("/v1/chat/completions", ""), 400, "empty_body", "request body is empty");
    }

    @Test
    void invalidUtf8IsRefused() throws Exception {
        byte[] body = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> response = gateway.send(gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertError(response, 400, "invalid_json", "not valid JSON");
    }

    @Test
    void deepNestingIsRefused() throws Exception {
        String body = "{\"model\": \"claude-3-haiku\", \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertError(gateway.post("/v1/chat/completions", body), 400, "invalid_json", "nesting depth");
    }

    @Test
    void oversizedBodyIsRefusedWith413() throws Exception {
        String body = "{\"model\": \"claude-3-haiku\", \"messages\": [{\"role\": \"user\", \"content\": \""
                + "a".repeat(70_000) + "\"}]}";

        assertError(gateway.post("/v1/chat/completions", body), 413, "request_too_large", "65536 bytes");
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String message)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("type").asText()).isNotBlank();
        assertThat(error.get("message").asText()).contains(message);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
