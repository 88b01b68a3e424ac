package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.TestGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A used-up budget reaches callers of the official SDKs (retries left on) at once, as one call each: 402 is final. */
class BudgetSdkTest {

    private static final List<CallRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static TestGateway gateway;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of(), """
                teams:
                  broke: {monthlyBudgetUsd: 0}
                """);
        gateway.application().callRecorder().addListener(RECORDS::add);
        key = TeamKeys.create(gateway, "broke");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theOpenAiSdkRaisesA402WithoutRetrying() throws Exception {
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gateway.uri("/v1").toString())
                .maxRetries(2).build();
        try {
            int before = calls();

            assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("claude-3-haiku").addUserMessage("Hello there.").maxCompletionTokens(20).build()))
                    .isInstanceOfSatisfying(com.openai.errors.OpenAIServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(402);
                        assertThat(e.getMessage()).contains("monthly budget of team broke is used up");
                    });

            awaitCalls(before + 1);
        } finally {
            client.close();
        }
    }

    @Test
    void theAnthropicSdkRaisesA402WithoutRetrying() throws Exception {
        AnthropicClient client = AnthropicOkHttpClient.builder().apiKey(key).baseUrl(gateway.uri("").toString())
                .maxRetries(2).build();
        try {
            int before = calls();

            assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
                    .model("claude-3-haiku").maxTokens(20).addUserMessage("Hello there.").build()))
                    .isInstanceOfSatisfying(com.anthropic.errors.AnthropicServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(402);
                        assertThat(e.getMessage()).contains("billing_error");
                    });

            awaitCalls(before + 1);
        } finally {
            client.close();
        }
    }

    private static int calls() {
        return (int) RECORDS.stream().filter(r -> "broke".equals(r.team())).count();
    }

    /** Waits for the calls to be recorded, then checks no retry followed. */
    private static void awaitCalls(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(calls()).isEqualTo(expected);
        assertThat(RECORDS.stream().filter(r -> "broke".equals(r.team())).map(CallRecord::status)).containsOnly(402);
    }
}
