package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.llmgateway.testing.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official OpenAI SDK for Java, pointed at the gateway's /v1, works unchanged. */
class OpenAiSdkTest {

    private static TestGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        client = OpenAIOkHttpClient.builder()
                .apiKey(TestGateway.API_KEY)
                .baseUrl(gateway.uri("/v1").toString())
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void chatCompletion() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-3-5-sonnet")
                .addSystemMessage("You are terse.")
                .addUserMessage("Summarize: The bridge opened in May. Traffic fell by a third. Shops on the old road closed.")
                .maxCompletionTokens(100)
                .temperature(0.3)
                .build());

        assertThat(completion.model()).isEqualTo("claude-3-5-sonnet");
        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(c -> assertThat(c).isNotBlank());
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isPositive());
    }

    @Test
    void streamingHelpersReadTheStreamUnchanged() {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        int chunks = 0;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder()
                        .model("claude-3-5-sonnet")
                        .addUserMessage("Summarize: The bridge opened in May. Traffic fell by a third. Shops on the old road closed.")
                        .maxCompletionTokens(100)
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                accumulator.accumulate(chunk);
                chunks++;
            }
        }

        ChatCompletion completion = accumulator.chatCompletion();
        assertThat(chunks).isGreaterThan(3);
        assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(c -> assertThat(c).isNotBlank());
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isPositive());
    }

    @Test
    void listsModels() {
        assertThat(client.models().list().data()).extracting(Model::id)
                .contains("claude-3-5-sonnet", "claude-3-5-haiku", "claude-3-haiku");
    }

    @Test
    void errorsReachTheSdkAsItsOwnExceptions() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model").addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-3-haiku").addUserMessage("hi").temperature(1.8).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("temperature");
    }

    @Test
    void whatTheGatewayDoesNotServeIsRefusedByNameNotIgnored() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-3-haiku").addUserMessage("What is the weather in Lima?").seed(7).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'seed' is not supported by this gateway");
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude-3-haiku").addUserMessage("List three colours.").logprobs(true).build()))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("'logprobs' must be false: Bedrock returns no log probabilities");
    }
}
