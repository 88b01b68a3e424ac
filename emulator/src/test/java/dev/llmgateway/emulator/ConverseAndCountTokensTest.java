package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

class ConverseAndCountTokensTest {
    private static final String SYSTEM = "You are a concise assistant.";
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient client;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        client = SdkClients.sync(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }

    static ConverseRequest converseRequest(String modelId, String text) {
        return ConverseRequest.builder().modelId(modelId).messages(user(text))
                .system(SystemContentBlock.fromText(SYSTEM))
                .inferenceConfig(c -> c.maxTokens(400)).build();
    }

    @Test
    void converseAnswersWithUsageAndMetrics() {
        ConverseResponse response = client.converse(converseRequest(SdkClients.CLAUDE, RequestBodies.LONG_TEXT));

        String text = response.output().message().content().get(0).text();
        assertThat(response.output().message().role()).isEqualTo(ConversationRole.ASSISTANT);
        assertThat(text).contains("Camel");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage().inputTokens())
                .isEqualTo(EmulatorTokenizer.count(SYSTEM) + EmulatorTokenizer.count(RequestBodies.LONG_TEXT));
        assertThat(response.usage().outputTokens()).isEqualTo(EmulatorTokenizer.count(text));
        assertThat(response.usage().totalTokens()).isEqualTo(response.usage().inputTokens() + response.usage().outputTokens());
        assertThat(response.metrics().latencyMs()).isNotNull();
    }

    @Test
    void converseGivesTheSameAnswerAsInvokeModel() {
        String converse = client.converse(ConverseRequest.builder().modelId(SdkClients.CLAUDE).messages(user(RequestBodies.LONG_TEXT))
                .inferenceConfig(c -> c.maxTokens(400)).build()).output().message().content().get(0).text();
        String invoke = RequestBodies.read(client.invokeModel(r -> r.modelId(SdkClients.CLAUDE)
                .body(RequestBodies.bytes(RequestBodies.claude(RequestBodies.LONG_TEXT, 400)))).body()).at("/content/0/text").asText();
        assertThat(converse).isEqualTo(invoke);
    }

    @Test
    void converseHonoursMaxTokensAndStopSequences() {
        ConverseResponse cut = client.converse(r -> r.modelId(SdkClients.CLAUDE).messages(user(RequestBodies.LONG_TEXT))
                .inferenceConfig(c -> c.maxTokens(3)));
        assertThat(cut.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(cut.usage().outputTokens()).isEqualTo(3);

        ConverseResponse stopped = client.converse(r -> r.modelId(SdkClients.CLAUDE).messages(user(RequestBodies.LONG_TEXT))
                .inferenceConfig(c -> c.maxTokens(400).stopSequences("processors")));
        assertThat(stopped.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(stopped.output().message().content().get(0).text()).doesNotContain("processors");
    }

    @Test
    void converseRefusesEmbeddingModels() {
        assertThatThrownBy(() -> client.converse(converseRequest(SdkClients.TITAN_V2, "hello")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("doesn't support the model");
    }

    @Test
    void countTokensOfAConverseInputMatchesConverseUsage() {
        ConverseResponse response = client.converse(converseRequest(SdkClients.CLAUDE, RequestBodies.LONG_TEXT));
        int counted = client.countTokens(r -> r.modelId(SdkClients.CLAUDE).input(CountTokensInput.fromConverse(c -> c
                .messages(user(RequestBodies.LONG_TEXT)).system(SystemContentBlock.fromText(SYSTEM))))).inputTokens();
        assertThat(counted).isEqualTo(response.usage().inputTokens());
    }

    @Test
    void countTokensOfAnInvokeModelBodyMatchesInvokeUsage() {
        SdkBytes body = RequestBodies.bytes(RequestBodies.claude(RequestBodies.LONG_TEXT, 100));
        int used = RequestBodies.read(client.invokeModel(r -> r.modelId(SdkClients.CLAUDE).body(body)).body())
                .at("/usage/input_tokens").asInt();
        int counted = client.countTokens(r -> r.modelId(SdkClients.CLAUDE)
                .input(CountTokensInput.fromInvokeModel(i -> i.body(body)))).inputTokens();
        assertThat(counted).isEqualTo(used).isEqualTo(EmulatorTokenizer.count(RequestBodies.LONG_TEXT));
    }
}
