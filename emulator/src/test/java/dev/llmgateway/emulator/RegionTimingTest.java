package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

class RegionTimingTest {
    private static final long LATENCY_MS = 250;
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient east;
    private static BedrockRuntimeClient west;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        east = SdkClients.sync(emulator, "us-east-1");
        west = SdkClients.sync(emulator, "us-west-2");
        invoke(east);
        invoke(west);
        emulator.configureRegion("us-east-1", RegionBehaviour.builder().firstByteLatencyMs(LATENCY_MS).timePerTokenMs(5).build());
    }

    @AfterAll
    static void stop() {
        east.close();
        west.close();
        emulator.close();
    }

    @Test
    void aNonStreamingAnswerTakesTheLatencyPlusTimePerToken() {
        long start = System.nanoTime();
        InvokeModelResponse response = invoke(east);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        int outputTokens = RequestBodies.read(response.body()).at("/usage/output_tokens").asInt();
        long expectedMs = LATENCY_MS + 5L * outputTokens;
        assertThat(elapsedMs).isGreaterThanOrEqualTo(expectedMs);
        assertThat(Long.parseLong(response.sdkHttpResponse().firstMatchingHeader("X-Amzn-Bedrock-Invocation-Latency").orElseThrow()))
                .isGreaterThanOrEqualTo(expectedMs);
    }

    @Test
    void anotherRegionKeepsItsOwnPace() {
        long start = System.nanoTime();
        JsonNode body = RequestBodies.read(invoke(west).body());
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(LATENCY_MS);
        assertThat(body.get("type").asText()).isEqualTo("message");
    }

    private static InvokeModelResponse invoke(BedrockRuntimeClient client) {
        return client.invokeModel(r -> r.modelId(SdkClients.CLAUDE)
                .body(RequestBodies.bytes(RequestBodies.claude("How long does this take?", 100))));
    }
}
