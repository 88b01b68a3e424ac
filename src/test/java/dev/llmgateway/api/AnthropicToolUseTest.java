package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import dev.llmgateway.testing.TestGateway;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An agent loop with the official Anthropic SDK for Java: tool_use, then the tool_result answered in text. */
class AnthropicToolUseTest {

    static final Tool WEATHER = Tool.builder()
            .name("get_weather")
            .description("The current weather in a city")
            .inputSchema(Tool.InputSchema.builder()
                    .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .addRequired("city")
                    .build())
            .build();
    private static TestGateway gateway;
    private static AnthropicClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        client = AnthropicOkHttpClient.builder().apiKey(TestGateway.API_KEY).baseUrl(gateway.uri("").toString())
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void twoTurnToolLoop() {
        MessageCreateParams.Builder conversation = MessageCreateParams.builder().model("claude-3-5-sonnet")
                .maxTokens(300).addTool(WEATHER).addUserMessage("What is the weather in Lima?");

        Message first = client.messages().create(conversation.build());

        assertThat(first.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock use = first.content().stream().flatMap(block -> block.toolUse().stream()).findFirst().orElseThrow();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).contains("city");

        Message second = client.messages().create(conversation
                .addMessage(first)
                .addUserMessageOfBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(use.id()).content("18 degrees and sunny").build())))
                .build());

        assertThat(second.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(second.content().get(0).text()).hasValueSatisfying(text ->
                assertThat(text.text()).contains("18 degrees and sunny"));
    }

    @Test
    void countTokensCountsThePromptAsBedrockDoesToolsIncluded() {
        MessageCountTokensParams withTools = MessageCountTokensParams.builder().model("claude-3-5-sonnet")
                .addTool(WEATHER).system("Be brief.").addUserMessage("Hello there, how are you?").build();
        MessageCountTokensParams withoutTools = MessageCountTokensParams.builder().model("claude-3-5-sonnet")
                .system("Be brief.").addUserMessage("Hello there, how are you?").build();

        long counted = client.messages().countTokens(withTools).inputTokens();

        Message answered = client.messages().create(MessageCreateParams.builder().model("claude-3-5-sonnet")
                .maxTokens(50).addTool(WEATHER).system("Be brief.").addUserMessage("Hello there, how are you?").build());
        assertThat(counted).isEqualTo(answered.usage().inputTokens());
        assertThat(counted).isGreaterThan(client.messages().countTokens(withoutTools).inputTokens());
    }

    @Test
    void aStreamedToolUseAccumulatesAsTheSdkExpects() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(MessageCreateParams
                .builder().model("claude-3-5-sonnet").maxTokens(300).addTool(WEATHER)
                .addUserMessage("What is the weather in Lima?").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock use = message.content().stream().flatMap(block -> block.toolUse().stream()).findFirst().orElseThrow();
        assertThat(use.id()).isNotBlank();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).contains("city");
    }

    /** The Vercel AI SDK asks for fine-grained tool input streaming on every tool of a streamed request. */
    @Test
    void aToolAskingForEagerInputStreamingIsStreamedAsAnyOther() {
        Tool eager = WEATHER.toBuilder().putAdditionalProperty("eager_input_streaming", JsonValue.from(true)).build();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(MessageCreateParams
                .builder().model("claude-3-5-sonnet").maxTokens(300).addTool(eager)
                .addUserMessage("What is the weather in the city of Lima?").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        ToolUseBlock use = accumulator.message().content().stream().flatMap(block -> block.toolUse().stream())
                .findFirst().orElseThrow();
        assertThat(use._input().toString()).contains("Lima");
    }
}
