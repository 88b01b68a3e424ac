package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.llmgateway.testing.TestGateway;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Anthropic SDK for Java, pointed at the gateway, works unchanged, streaming included. */
class AnthropicSdkTest {

    private static final String TEXT = "The bridge opened in May. Traffic fell by a third. Shops on the old road closed.";
    private static TestGateway gateway;
    private static AnthropicClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        client = AnthropicOkHttpClient.builder()
                .apiKey(TestGateway.API_KEY)
                .baseUrl(gateway.uri("").toString())
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void message() {
        Message message = client.messages().create(params());

        assertThat(message.content().get(0).text()).hasValueSatisfying(t -> assertThat(t.text()).isNotBlank());
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @Test
    void streamedMessage() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.content().get(0).text()).hasValueSatisfying(t -> assertThat(t.text()).isNotBlank());
        assertThat(message.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isPositive();
    }

    @Test
    void aStreamedMessagesUsageIsBedrocksFigureOnceTheStreamEnds() {
        MessageCreateParams params = MessageCreateParams.builder().model("claude-3-5-sonnet").maxTokens(200)
                .addUserMessage("How many tokens does a streamed answer report for this prompt of eleven words?")
                .build();
        long counted = client.messages().countTokens(MessageCountTokensParams.builder().model("claude-3-5-sonnet")
                .addUserMessage("How many tokens does a streamed answer report for this prompt of eleven words?")
                .build()).inputTokens();

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }

        assertThat(accumulator.message().usage().inputTokens()).isEqualTo(counted);
    }

    @Test
    void errorsReachTheSdkAsItsOwnExceptions() {
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
                .model("no-such-model").maxTokens(10).addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void theStopSequenceThatEndedTheAnswerIsNamedPlainAndStreamed() {
        MessageCreateParams params = MessageCreateParams.builder().model("claude-3-5-sonnet").maxTokens(100)
                .addUserMessage("hi").addStopSequence("Noted").build();

        Message plain = client.messages().create(params);
        MessageAccumulator streamed = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(streamed::accumulate);
        }

        for (Message message : List.of(plain, streamed.message())) {
            assertThat(message.stopReason()).hasValue(StopReason.STOP_SEQUENCE);
            assertThat(message.stopSequence()).hasValue("Noted");
        }
    }

    @Test
    void whatTheGatewayDoesNotServeIsRefusedByNameNotIgnored() {
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
                .model("claude-3-5-sonnet").maxTokens(50).addUserMessage("hi")
                .putAdditionalBodyProperty("mcp_servers", JsonValue.from(List.of())).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'mcp_servers' is not supported by this gateway");
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
                .model("llama-3-3-70b").maxTokens(50).addUserMessage("hi").topK(5).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("top_k is not available for model 'llama-3-3-70b'");
        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
                .model("claude-3-5-sonnet").maxTokens(50).addUserMessage("hi")
                .putAdditionalBodyProperty("temprature", JsonValue.from(0.5)).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("did you mean 'temperature'?");
    }

    @Test
    void topKReachesClaudeAndNova() {
        for (String model : List.of("claude-3-5-sonnet", "nova-lite")) {
            Message message = client.messages().create(MessageCreateParams.builder()
                    .model(model).maxTokens(50).addUserMessage("Name a colour.").topK(5).build());
            assertThat(message.content()).as(model).isNotEmpty();
        }
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder()
                .model("claude-3-5-sonnet")
                .maxTokens(200)
                .system("Be brief.")
                .addUserMessage(TEXT)
                .build();
    }
}
