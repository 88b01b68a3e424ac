package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With weights, a model's first region per request is drawn by weight; failover still reaches the others. */
class WeightedRegionsTest {

    private static final String CALL = """
            {"model": "claude-3-haiku", "max_tokens": 20, "stream": %s,
             "messages": [{"role": "user", "content": "Where do rivers start?"}]}""";
    private TestGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = TestGateway.start(Map.of(), """
                models:
                  claude-3-haiku:
                    targets:
                      - {region: us-east-1, modelId: "anthropic.claude-3-haiku-20240307-v1:0", weight: 3}
                      - {region: us-west-2, modelId: "anthropic.claude-3-haiku-20240307-v1:0", weight: 1}
                """);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void requestsStartInRegionsByWeightForCallsAndStreams() {
        for (int i = 0; i < 120; i++) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", CALL.formatted(i % 2 == 0));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        long east = gateway.emulator().stats("us-east-1").requestsReceived();
        long west = gateway.emulator().stats("us-west-2").requestsReceived();
        assertThat(east + west).isEqualTo(120);
        assertThat(east).as("about 3 in 4 start in us-east-1").isBetween(65L, 115L);
    }

    @Test
    void aWeightedRegionThatThrottlesStillFailsOverToTheOthers() {
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).build());

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = gateway.post("/v1/chat/completions", CALL.formatted(i % 2 == 0));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        assertThat(gateway.emulator().stats("us-west-2").requestsReceived()).isEqualTo(20);
    }
}
