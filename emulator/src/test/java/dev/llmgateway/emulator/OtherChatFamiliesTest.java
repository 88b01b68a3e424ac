package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Nova, Llama and Mistral models answer Converse as Claude does; InvokeModel and CountTokens are Claude's alone. */
class OtherChatFamiliesTest {
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

    @ParameterizedTest
    @ValueSource(strings = {"us.amazon.nova-micro-v1:0", "us.meta.llama3-3-70b-instruct-v1:0",
            "mistral.mistral-large-3-675b-instruct"})
    void converseAnswersAsForClaude(String modelId) {
        ConverseResponse response = client.converse(
                ConverseAndCountTokensTest.converseRequest(modelId, RequestBodies.LONG_TEXT));
        String claude = client.converse(
                ConverseAndCountTokensTest.converseRequest(SdkClients.CLAUDE, RequestBodies.LONG_TEXT))
                .output().message().content().get(0).text();

        assertThat(response.output().message().content().get(0).text()).isEqualTo(claude);
        assertThat(response.usage().outputTokens()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"amazon.nova-pro-v1:0", "meta.llama4-maverick-17b-instruct-v1:0"})
    void invokeModelIsRefusedForTheMessagesBodyIsClaudes(String modelId) {
        assertThatThrownBy(() -> client.invokeModel(r -> r.modelId(modelId)
                .body(RequestBodies.bytes(RequestBodies.claude("Hello", 100)))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Malformed input request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"amazon.nova-lite-v1:0", "meta.llama3-3-70b-instruct-v1:0"})
    void countTokensIsRefused(String modelId) {
        assertThatThrownBy(() -> client.countTokens(r -> r.modelId(modelId).input(CountTokensInput.fromConverse(c -> c
                .messages(ConverseAndCountTokensTest.user("Hello"))))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("doesn't support counting tokens");
    }
}
