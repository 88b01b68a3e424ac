package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmgateway.emulator.BedrockEmulator;
import dev.llmgateway.upstream.BedrockClients;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Titan Text Embeddings v2 through camel-aws-bedrock on the gateway's own Bedrock client, against the emulator. */
class BedrockTitanEmbedderTest {

    private static BedrockEmulator emulator;
    private static BedrockClients clients;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        clients = new BedrockClients(emulator.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        clients.close();
        emulator.close();
    }

    @Test
    void embedsToAUnitVectorOfTheAskedSize() {
        try (BedrockTitanEmbedder embedder = new BedrockTitanEmbedder(clients.sync("us-east-1"),
                clients.async("us-east-1"), "amazon.titan-embed-text-v2:0", 512)) {
            long callsBefore = emulator.stats("us-east-1").requestsReceived();

            float[] vector = embedder.embed("How do I reset my password?");

            assertThat(vector).hasSize(512);
            assertThat(Vectors.dot(vector, vector)).isCloseTo(1.0, within(1e-5));
            assertThat(Vectors.dot(vector, embedder.embed("How can I reset my password?")))
                    .isGreaterThan(Vectors.dot(vector, embedder.embed("Best pizza in Naples")));
            assertThat(embedder.id()).isEqualTo("amazon.titan-embed-text-v2:0/512");
            assertThat(emulator.stats("us-east-1").requestsReceived()).isEqualTo(callsBefore + 3);
        }
    }

    @Test
    void aRefusedCallFails() {
        try (BedrockTitanEmbedder embedder = new BedrockTitanEmbedder(clients.sync("us-east-1"),
                clients.async("us-east-1"), "amazon.titan-embed-text-v2:0", 300)) {
            assertThatThrownBy(() -> embedder.embed("hello")).hasMessageContaining("dimensions");
        }
    }
}
