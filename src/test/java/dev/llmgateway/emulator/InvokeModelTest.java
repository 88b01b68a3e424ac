package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

class InvokeModelTest {
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

    private InvokeModelResponse invoke(String modelId, JsonNode body) {
        return client.invokeModel(r -> r.modelId(modelId).contentType("application/json").accept("application/json")
                .body(RequestBodies.bytes(body)));
    }

    @Test
    void claudeAnswersWithAMessageAndUsageHeaders() {
        InvokeModelResponse response = invoke(SdkClients.CLAUDE, RequestBodies.claude("What is the capital of France?", 200));

        JsonNode body = RequestBodies.read(response.body());
        assertThat(body.get("id").asText()).startsWith("msg_bdrk_");
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("role").asText()).isEqualTo("assistant");
        assertThat(body.get("model").asText()).isEqualTo("claude-3-5-sonnet-20240620");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
        String text = body.at("/content/0/text").asText();
        assertThat(text).contains("What is the capital of France?").contains("capital").contains("France");
        assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.get("stop_sequence").isNull()).isTrue();
        int inputTokens = body.at("/usage/input_tokens").asInt();
        int outputTokens = body.at("/usage/output_tokens").asInt();
        assertThat(inputTokens).isEqualTo(EmulatorTokenizer.count("What is the capital of France?"));
        assertThat(outputTokens).isEqualTo(EmulatorTokenizer.count(text));

        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Input-Token-Count")).contains(String.valueOf(inputTokens));
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Output-Token-Count")).contains(String.valueOf(outputTokens));
        assertThat(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Invocation-Latency")).isPresent();
        assertThat(response.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")).isPresent();
    }
}
