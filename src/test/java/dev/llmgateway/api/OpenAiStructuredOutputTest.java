package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletion;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Structured output through the OpenAI SDK for Java: the answer is JSON of the schema, checked before it is sent. */
class OpenAiStructuredOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestGateway gateway;
    private static OpenAIClient client;

    /** The answer's shape, as the SDK turns a class into a strict JSON schema. */
    public static class Forecast {
        public String city;
        public long celsius;
        public boolean sunny;
    }

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        client = OpenAIOkHttpClient.builder().apiKey(TestGateway.API_KEY).baseUrl(gateway.uri("/v1").toString())
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void theSdkParsesTheAnswerIntoItsClass() {
        StructuredChatCompletion<Forecast> completion = client.chat().completions().create(
                ChatCompletionCreateParams.builder().model("claude-3-5-sonnet")
                        .addUserMessage("The forecast for the city of Lima, please.")
                        .responseFormat(Forecast.class).build());

        Forecast forecast = completion.choices().get(0).message().content().orElseThrow();
        assertThat(forecast.city).isEqualTo("Lima");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void aJsonObjectAnswerIsAJsonObjectPlainAndStreamed() throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("claude-3-5-sonnet")
                .addUserMessage("List three colours as JSON.")
                .responseFormat(ResponseFormatJsonObject.builder().build()).build();

        String plain = client.chat().completions().create(params).choices().get(0).message().content().orElseThrow();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion.Choice streamed = accumulator.chatCompletion().choices().get(0);

        assertThat(JSON.readTree(plain).isObject()).isTrue();
        assertThat(JSON.readTree(streamed.message().content().orElseThrow())).isEqualTo(JSON.readTree(plain));
        assertThat(streamed.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void aModelWithBedrocksOwnStructuredOutputAnswersJsonTextPlainAndStreamed() throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("claude-sonnet-4-6")
                .addUserMessage("The forecast for the city of Lima, please.").responseFormat(Forecast.class).build()
                .rawParams();

        StructuredChatCompletion<Forecast> plain = client.chat().completions().create(
                ChatCompletionCreateParams.builder().model("claude-sonnet-4-6")
                        .addUserMessage("The forecast for the city of Lima, please.")
                        .responseFormat(Forecast.class).build());
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertThat(plain.choices().get(0).message().content().orElseThrow().city).isEqualTo("Lima");
        ChatCompletion.Choice streamed = accumulator.chatCompletion().choices().get(0);
        assertThat(JSON.readTree(streamed.message().content().orElseThrow()).path("city").asText()).isEqualTo("Lima");
        assertThat(streamed.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void withBedrocksOwnStructuredOutputTheModelMayCallTheCallersToolsThenAnswersInTheSchema() throws Exception {
        String tools = """
                "tools": [{"type": "function", "function": {"name": "get_weather", "description": "The weather in a city",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
                "response_format": {"type": "json_schema", "json_schema": {"name": "report", "strict": true, "schema": {
                  "type": "object", "properties": {"city": {"type": "string"}, "summary": {"type": "string"}},
                  "required": ["city", "summary"], "additionalProperties": false}}}""";
        String question = "{\"role\": \"user\", \"content\": \"What is the weather in the city of Lima?\"}";

        JsonNode first = JSON.readTree(gateway.post("/v1/chat/completions",
                "{\"model\": \"claude-sonnet-4-6\", \"messages\": [" + question + "], " + tools + "}").body());
        JsonNode call = first.path("choices").path(0).path("message").path("tool_calls").path(0);
        String followUp = "{\"model\": \"claude-sonnet-4-6\", \"messages\": [" + question
                + ", {\"role\": \"assistant\", \"content\": null, \"tool_calls\": [" + call + "]}"
                + ", {\"role\": \"tool\", \"tool_call_id\": \"" + call.path("id").asText()
                + "\", \"content\": \"18 C and sunny\"}], " + tools + "}";
        JsonNode second = JSON.readTree(gateway.post("/v1/chat/completions", followUp).body());

        assertThat(first.path("choices").path(0).path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(second.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode report = JSON.readTree(second.path("choices").path(0).path("message").path("content").asText());
        assertThat(report.path("city").asText()).isEqualTo("Lima");
        assertThat(report.has("summary")).isTrue();
    }

    @Test
    void anAnswerThatDoesNotMatchTheSchemaIsA502NotASilentlyWrongAnswer() throws Exception {
        String body = """
                {"model": "claude-3-5-sonnet", "messages": [{"role": "user", "content": "Give me a code."}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "code", "schema": {
                   "type": "object", "properties": {"code": {"type": "string", "pattern": "^[0-9]{3}$"}},
                   "required": ["code"]}}}}""";

        HttpResponse<String> plain = gateway.post("/v1/chat/completions", body);
        HttpResponse<String> streamed = gateway.post("/v1/chat/completions", body.replace("{\"model\"", "{\"stream\": true, \"model\""));

        assertThat(plain.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(plain.body()).path("error").path("code").asText()).isEqualTo("structured_output_invalid");
        assertThat(streamed.body()).contains("structured_output_invalid").doesNotContain("[DONE]");
    }

    @Test
    void aSchemaTheGatewayCannotUseIsA400BeforeAnythingIsSent() throws Exception {
        long before = gateway.emulator().stats("us-east-1").requestsReceived();
        for (String schema : new String[] {
                "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}",
                "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"(?=x)\"}}}",
                "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"file:///etc/passwd\"}}}",
                "{\"type\": \"object\", \"properties\": " + "{\"a\": {\"anyOf\": [".repeat(20) + "{}"
                        + "]}}".repeat(20) + "}"}) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", """
                    {"model": "claude-3-5-sonnet", "messages": [{"role": "user", "content": "hi"}],
                     "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": %s}}}"""
                    .formatted(schema));

            JsonNode error = JSON.readTree(response.body()).path("error");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(error.path("message").asText()).contains("schema 'x'").doesNotContain("root:");
        }
        assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).isEqualTo(before);
    }
}
