package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** cache_control in Claude's Messages body on InvokeModel: written first, read after, in Anthropic's usage fields. */
class InvokeModelPromptCacheTest {
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

    private static ObjectNode body(String system, int breakpoints) {
        ObjectNode body = Json.object().put("anthropic_version", "bedrock-2023-05-31").put("max_tokens", 100);
        ArrayNode blocks = body.putArray("system");
        for (int i = 0; i < breakpoints; i++) {
            blocks.addObject().put("type", "text").put("text", i == 0 ? system : "Part " + i)
                    .putObject("cache_control").put("type", "ephemeral");
        }
        body.putArray("messages").addObject().put("role", "user").put("content", "What does the policy say?");
        return body;
    }

    private static JsonNode usage(ObjectNode body) {
        return Json.parseBody(client.invokeModel(r -> r.modelId(SdkClients.CLAUDE)
                .body(SdkBytes.fromUtf8String(body.toString()))).body().asByteArray()).path("usage");
    }

    @Test
    void theFirstCallWritesTheMarkedPrefixAndTheNextReadsIt() {
        String system = "invoke" + " policy".repeat(800);

        JsonNode first = usage(body(system, 1));
        JsonNode second = usage(body(system, 1));

        int prefix = EmulatorTokenizer.count(system);
        assertThat(first.path("cache_creation_input_tokens").intValue()).isEqualTo(prefix);
        assertThat(first.path("cache_read_input_tokens").intValue()).isZero();
        assertThat(second.path("cache_read_input_tokens").intValue()).isEqualTo(prefix);
        assertThat(second.path("cache_creation_input_tokens").intValue()).isZero();
        assertThat(second.path("input_tokens").intValue()).isEqualTo(first.path("input_tokens").intValue())
                .isEqualTo(EmulatorTokenizer.count("What does the policy say?"));
    }

    @Test
    void moreThanFourMarkedBlocksAreRefused() {
        assertThatThrownBy(() -> usage(body("Rules.", 5)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("A maximum of 4 blocks with cache_control may be provided. Found 5."));
    }
}
