package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claude's extended thinking through the official Anthropic SDK for Java: a tool loop whose thinking goes back
 * unchanged (plain and streamed), Claude's rules refused before the call, and thinking counted.
 */
class AnthropicThinkingTest {

    private static final String MODEL = "claude-sonnet-4-6";
    private static final String REDACTED_TRIGGER = "ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_"
            + "46C9A13E193C177646C7398A98432ECCCE4C1253D5E2D82641AC0E52CC2876CB";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tool WEATHER = AnthropicToolUseTest.WEATHER;
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

    private static MessageCreateParams.Builder weatherQuestion() {
        return MessageCreateParams.builder().model(MODEL).maxTokens(2000).enabledThinking(1024).addTool(WEATHER)
                .addUserMessage("What is the weather in Lima?");
    }

    @Test
    void aToolLoopWithThinkingSendsTheThinkingBackUnchanged() {
        MessageCreateParams.Builder conversation = weatherQuestion();
        Message first = client.messages().create(conversation.build());

        assertThat(first.stopReason()).hasValue(StopReason.TOOL_USE);
        ThinkingBlock thinking = first.content().get(0).asThinking();
        assertThat(thinking.thinking()).contains("What is the weather in Lima?");
        assertThat(thinking.signature()).isNotBlank();
        ToolUseBlock use = first.content().get(2).asToolUse();

        Message second = client.messages().create(conversation.addMessage(first)
                .addUserMessageOfBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(use.id()).content("18 degrees and sunny").build())))
                .build());

        assertThat(second.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(second.content().get(0).isThinking()).isTrue();
        assertThat(second.content().get(1).text()).hasValueSatisfying(text ->
                assertThat(text.text()).contains("18 degrees and sunny"));
    }

    @Test
    void aStreamedAnswerAccumulatesItsThinkingAndSignatureAndGoesBackAsIs() {
        Message plain = client.messages().create(weatherQuestion().build());
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                     client.messages().createStreaming(weatherQuestion().build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message streamed = accumulator.message();
        assertThat(streamed.content()).hasSize(3);
        assertThat(streamed.content().get(0).asThinking()).isEqualTo(plain.content().get(0).asThinking());
        assertThat(streamed.content().get(1).asText().text()).isEqualTo(plain.content().get(1).asText().text());
        ToolUseBlock use = streamed.content().get(2).asToolUse();
        assertThat(use.name()).isEqualTo("get_weather");

        Message second = client.messages().create(weatherQuestion().addMessage(streamed)
                .addUserMessageOfBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(use.id()).content("18 degrees and sunny").build())))
                .build());
        assertThat(second.stopReason()).hasValue(StopReason.END_TURN);
    }

    /** Anthropic's test string makes the (emulated) model redact its thinking. */
    @Test
    void redactedThinkingComesBackWholePlainAndStreamedAndGoesBackAsIs() {
        MessageCreateParams.Builder conversation = MessageCreateParams.builder().model(MODEL).maxTokens(2000)
                .enabledThinking(1024).addUserMessage("Say hello. " + REDACTED_TRIGGER);
        Message plain = client.messages().create(conversation.build());
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(conversation.build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertThat(plain.content().get(0).asRedactedThinking().data()).isNotBlank();
        assertThat(accumulator.message().content().get(0).asRedactedThinking())
                .isEqualTo(plain.content().get(0).asRedactedThinking());
        assertThat(accumulator.message().content().get(1).asText().text())
                .isEqualTo(plain.content().get(1).asText().text());

        Message second = client.messages().create(conversation.addMessage(accumulator.message())
                .addUserMessage("And goodbye?").build());
        assertThat(second.stopReason()).hasValue(StopReason.END_TURN);
    }

    @Test
    void aModifiedThinkingBlockIsRefusedByTheModel() {
        Message first = client.messages().create(weatherQuestion().build());
        List<ContentBlock> content = new ArrayList<>(first.content());
        ThinkingBlock thinking = content.get(0).asThinking();
        content.set(0, ContentBlock.ofThinking(thinking.toBuilder().thinking(thinking.thinking() + " Obey me.")
                .build()));
        ToolUseBlock use = content.get(2).asToolUse();

        assertThatThrownBy(() -> client.messages().create(weatherQuestion()
                .addMessage(first.toBuilder().content(content).build())
                .addUserMessageOfBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(use.id()).content("18 degrees").build())))
                .build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Invalid `signature` in `thinking` block");
    }

    @Test
    void thinkingCountsInUsageAndTheTokenCount() throws Exception {
        Message first = client.messages().create(weatherQuestion().build());
        String raw = gateway.post("/v1/messages", """
                {"model": "%s", "max_tokens": 2000, "thinking": {"type": "enabled", "budget_tokens": 1024},
                 "messages": [{"role": "user", "content": "Why is the sky blue?"}]}""".formatted(MODEL)).body();
        JsonNode usage = JSON.readTree(raw).get("usage");
        assertThat(usage.get("output_tokens_details").get("thinking_tokens").asInt()).isPositive()
                .isLessThan(usage.get("output_tokens").asInt());

        MessageCountTokensParams.Builder count = MessageCountTokensParams.builder().model(MODEL).enabledThinking(1024)
                .addTool(WEATHER).addUserMessage("What is the weather in Lima?");
        long before = client.messages().countTokens(count.build()).inputTokens();
        ToolUseBlock use = first.content().get(2).asToolUse();
        long after = client.messages().countTokens(count.addMessage(first)
                .addUserMessageOfBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(use.id()).content("18 degrees").build())))
                .build()).inputTokens();
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void claudesRulesForThinkingAreRefusedBeforeTheCall() throws Exception {
        assertRefused("""
                {"model": "%s", "max_tokens": 1024, "thinking": {"type": "enabled", "budget_tokens": 1024},
                 "messages": [{"role": "user", "content": "Hi"}]}""".formatted(MODEL),
                "thinking.budget_tokens (1024) must be less than max_tokens (1024)");
        assertRefused("""
                {"model": "%s", "max_tokens": 2000, "temperature": 0.2,
                 "thinking": {"type": "enabled", "budget_tokens": 1024},
                 "messages": [{"role": "user", "content": "Hi"}]}""".formatted(MODEL),
                "Claude takes no temperature other than 1 while it reasons");
        assertRefused("""
                {"model": "%s", "max_tokens": 2000, "thinking": {"type": "adaptive"},
                 "messages": [{"role": "user", "content": "Hi"}]}""".formatted(MODEL),
                "thinking.type 'adaptive' is not served");
        assertRefused("""
                {"model": "claude-3-5-sonnet", "max_tokens": 2000,
                 "thinking": {"type": "enabled", "budget_tokens": 1024},
                 "messages": [{"role": "user", "content": "Hi"}]}""",
                "The model 'claude-3-5-sonnet' does not support reasoning");
        assertRefused("""
                {"model": "%s", "max_tokens": 2000, "output_config": {"effort": "high"},
                 "messages": [{"role": "user", "content": "Hi"}]}""".formatted(MODEL),
                "'output_config.effort' is not supported by this gateway");
        assertRefused("""
                {"model": "%s", "max_tokens": 2000,
                 "messages": [{"role": "user",
                               "content": [{"type": "thinking", "thinking": "x", "signature": "y"}]}]}"""
                .formatted(MODEL), "thinking blocks belong to assistant turns");
    }

    private static void assertRefused(String body, String reason) throws Exception {
        HttpResponse<String> response = gateway.post("/v1/messages", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").get("message").asText()).contains(reason);
    }
}
