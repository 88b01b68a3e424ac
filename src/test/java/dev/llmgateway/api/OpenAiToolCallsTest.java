package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import dev.llmgateway.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An agent loop with the official OpenAI SDK for Java: the model calls a tool, the tool's answer comes back. */
class OpenAiToolCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final FunctionDefinition WEATHER = FunctionDefinition.builder()
            .name("get_weather")
            .description("The current weather in a city")
            .parameters(FunctionParameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                    .build())
            .build();
    private static TestGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_GUARDS_PII_REDACTUPSTREAM", "true"));
        client = OpenAIOkHttpClient.builder().apiKey(TestGateway.API_KEY).baseUrl(gateway.uri("/v1").toString())
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void twoTurnToolLoop() throws Exception {
        ChatCompletionCreateParams.Builder conversation = ChatCompletionCreateParams.builder()
                .model("claude-3-5-sonnet").addUserMessage("What is the weather in Lima?").addFunctionTool(WEATHER);

        ChatCompletion first = client.chat().completions().create(conversation.build());

        ChatCompletion.Choice choice = first.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(call.function().arguments()).path("city").isTextual()).isTrue();

        ChatCompletion second = client.chat().completions().create(conversation
                .addMessage(choice.message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id())
                        .content("18 degrees and sunny").build())
                .build());

        assertThat(second.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(second.choices().get(0).message().content()).hasValueSatisfying(text ->
                assertThat(text).contains("18 degrees and sunny"));
    }

    @Test
    void redactedValuesGoBackIntoTheToolCallsArgumentsPlainAndStreamed() throws Exception {
        FunctionDefinition lookup = FunctionDefinition.builder()
                .name("find_customer")
                .description("Finds a customer by e-mail address")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("email", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("email")))
                        .build())
                .build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("claude-3-5-sonnet")
                .addUserMessage("Find the customer with email ana.lima@example.com please").addFunctionTool(lookup)
                .build();

        HttpResponseFor<ChatCompletion> raw = client.chat().completions().withRawResponse().create(params);
        // the upstream saw a placeholder, not the address
        assertThat(raw.headers().values("x-llmgateway-pii-redacted")).containsExactly("EMAIL=1");
        ChatCompletion plain = raw.parse();
        ChatCompletionAccumulator streamed = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(streamed::accumulate);
        }

        for (ChatCompletion completion : List.of(plain, streamed.chatCompletion())) {
            String arguments = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction()
                    .function().arguments();
            assertThat(JSON.readTree(arguments).path("email").asText()).isEqualTo("ana.lima@example.com");
        }
    }

    @Test
    void aStreamedToolCallAccumulatesAsTheSdkExpects() throws Exception {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("claude-3-5-sonnet")
                        .addUserMessage("What is the weather in Lima?").addFunctionTool(WEATHER).build())) {
            stream.stream().forEach(chunk -> {
                accumulator.accumulate(chunk);
                chunks.add(chunk);
            });
        }

        ChatCompletion.Choice choice = accumulator.chatCompletion().choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isNotBlank();
        assertThat(call.function().name()).isEqualTo("get_weather");
        JsonNode arguments = JSON.readTree(call.function().arguments());
        assertThat(arguments.path("city").isTextual()).isTrue();
        assertThat(chunks.stream().filter(chunk -> !chunk.choices().isEmpty())
                .flatMap(chunk -> chunk.choices().get(0).delta().toolCalls().orElse(List.of()).stream())
                .map(ChatCompletionChunk.Choice.Delta.ToolCall::index))
                .as("every tool-call delta names the first call")
                .isNotEmpty().containsOnly(0L);
    }
}
