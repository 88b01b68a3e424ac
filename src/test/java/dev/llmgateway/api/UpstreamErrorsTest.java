package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What Bedrock answers with an error becomes a sensible status for the client, never a bare 500. Every region
 * of the model fails the same way here, so failover cannot hide the error.
 */
class UpstreamErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = """
            {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "hello there"}]}""";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of(
                "LLMGW_UPSTREAM_TIMEOUTMS", "2500",
                "LLMGW_FAILOVER_DEADLINEMS", "3000",
                "LLMGW_FAILOVER_BACKOFFBASEMS", "50",
                "LLMGW_FAILOVER_BREAKERWINDOW", "1000",
                "LLMGW_FAILOVER_BREAKERMINIMUMCALLS", "1000"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @AfterEach
    void healRegions() {
        gateway.emulator().resetRegions();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "THROTTLING,             429, upstream_throttled",
            "MODEL_NOT_READY,        429, upstream_throttled",
            "SERVICE_QUOTA_EXCEEDED, 429, upstream_quota_exceeded",
            "VALIDATION,             400, upstream_validation",
            "MODEL_TIMEOUT,          504, upstream_timeout",
            "ACCESS_DENIED,          502, upstream_error",
            "RESOURCE_NOT_FOUND,     502, upstream_error",
            "MODEL_ERROR,            502, upstream_error",
            "INTERNAL_SERVER,        502, upstream_error",
            "SERVICE_UNAVAILABLE,    503, upstream_unavailable"})
    void bedrockErrorsMapToClientStatuses(BedrockError error, int status, String code) throws Exception {
        failEveryRegion(RegionBehaviour.builder().failureRate(error, 1.0).build());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", REQUEST);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/error/code").asText()).isEqualTo(code);
        assertThat(body.at("/error/message").asText()).contains(error.typeName());
        if (status == 429 || status == 503) {
            assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
        }
    }

    @Test
    void throttlingPassesOnTheUpstreamRetryHint() {
        failEveryRegion(RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).retryAfterSeconds(7).build());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", REQUEST);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
    }

    @Test
    void anUpstreamSlowerThanTheTimeoutIs504() throws Exception {
        failEveryRegion(RegionBehaviour.builder().firstByteLatencyMs(3000).build());

        HttpResponse<String> response = gateway.post("/v1/chat/completions", REQUEST);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("upstream_timeout");
    }

    private static void failEveryRegion(RegionBehaviour behaviour) {
        gateway.emulator().configureRegion("us-east-1", behaviour);
        gateway.emulator().configureRegion("us-west-2", behaviour);
    }
}
