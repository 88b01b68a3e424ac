package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.llmgateway.testing.TestGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * langchain4j's OpenAI and Anthropic chat models, plain and streaming, as clients of the gateway: a two-turn tool loop
 * run by hand (the AI message's tool execution requests, a ToolExecutionResultMessage for each).
 */
class Langchain4jToolLoopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "claude-3-5-sonnet";
    private static final String WEATHER_RESULT = "18 degrees and sunny";
    private static final ToolSpecification WEATHER = ToolSpecification.builder()
            .name("get_weather")
            .description("The current weather in a city")
            .parameters(JsonObjectSchema.builder().addStringProperty("city", "The city, e.g. Paris").required("city")
                    .build())
            .build();
    /** A stream that hangs fails the test after this; an answer takes milliseconds. Not a measure of speed. */
    private static final long SAFETY_NET_SECONDS = 60;

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
    void openAiChatModel() throws Exception {
        ChatModel model = OpenAiChatModel.builder().baseUrl(gateway.uri("/v1").toString()).apiKey(TestGateway.API_KEY)
                .modelName(MODEL).maxRetries(0).build();

        toolLoop(model::chat);
    }

    @Test
    void openAiStreamingChatModel() throws Exception {
        StreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(gateway.uri("/v1").toString())
                .apiKey(TestGateway.API_KEY).modelName(MODEL).build();

        toolLoop(request -> streamed(model, request));
    }

    @Test
    void anthropicChatModel() throws Exception {
        ChatModel model = AnthropicChatModel.builder().baseUrl(gateway.uri("/v1/").toString())
                .apiKey(TestGateway.API_KEY).modelName(MODEL).maxTokens(512).maxRetries(0).build();

        toolLoop(model::chat);
    }

    @Test
    void anthropicStreamingChatModel() throws Exception {
        StreamingChatModel model = AnthropicStreamingChatModel.builder().baseUrl(gateway.uri("/v1/").toString())
                .apiKey(TestGateway.API_KEY).modelName(MODEL).maxTokens(512).build();

        toolLoop(request -> streamed(model, request));
    }

    private interface Chat {
        ChatResponse chat(ChatRequest request) throws Exception;
    }

    /** Asks for the weather, answers the model's tool call, and checks that the answer quotes the result. */
    private static void toolLoop(Chat chat) throws Exception {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(UserMessage.from("What is the weather in the city of Lima?"));

        ChatResponse first = chat.chat(ChatRequest.builder().messages(messages).toolSpecifications(WEATHER).build());

        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        AiMessage call = first.aiMessage();
        assertThat(call.toolExecutionRequests()).hasSize(1);
        ToolExecutionRequest request = call.toolExecutionRequests().get(0);
        assertThat(request.name()).isEqualTo("get_weather");
        assertThat(request.id()).isNotBlank();
        assertThat(JSON.readTree(request.arguments()).path("city").asText()).isEqualTo("Lima");

        messages.add(call);
        messages.add(ToolExecutionResultMessage.from(request, WEATHER_RESULT));
        ChatResponse second = chat.chat(ChatRequest.builder().messages(messages).toolSpecifications(WEATHER).build());

        assertThat(second.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(second.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(second.aiMessage().text()).contains(WEATHER_RESULT);
    }

    /** The streamed answer as the model puts it together, after checking that its text came in more than one part. */
    private static ChatResponse streamed(StreamingChatModel model, ChatRequest request) throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicInteger parts = new AtomicInteger();
        model.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                parts.incrementAndGet();
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(SAFETY_NET_SECONDS, TimeUnit.SECONDS);
        if (response.aiMessage().text() != null) {
            assertThat(parts.get()).as("text parts of the stream").isGreaterThan(1);
        }
        return response;
    }
}
