package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

/** Configuring regions and reading counters over the emulator's own HTTP endpoints. */
class AdminApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient east;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        east = SdkClients.sync(emulator, "us-east-1");
    }

    @AfterAll
    static void stop() {
        east.close();
        emulator.close();
    }

    @Test
    void regionsAreConfiguredResetAndCountedOverHttp() throws Exception {
        HttpResponse<String> put = send("PUT", "/_emulator/regions/us-east-1",
                "{\"requestsPerMinute\": 1, \"failureRates\": {\"InternalServerException\": 0.0}, \"retryAfterSeconds\": 1}");
        assertThat(put.statusCode()).isEqualTo(204);

        invoke();
        assertThatThrownBy(this::invoke).isInstanceOf(ThrottlingException.class);

        JsonNode stats = RequestBodies.read(send("GET", "/_emulator/stats", null).body());
        assertThat(stats.at("/us-east-1/requestsReceived").asLong()).isEqualTo(2);
        assertThat(stats.at("/us-east-1/throttled").asLong()).isEqualTo(1);
        assertThat(stats.at("/us-east-1/streamsCancelledByClient").asLong()).isZero();

        assertThat(send("DELETE", "/_emulator/regions", null).statusCode()).isEqualTo(204);
        invoke();
        assertThat(emulator.stats("us-east-1").throttled()).isZero();
    }

    @Test
    void faultsAndStreamBreaksAreConfigurableByName() throws Exception {
        assertThat(send("PUT", "/_emulator/regions/us-east-1", "{\"failureRates\": {\"internalServerException\": 1.0},"
                + " \"streamBreakAfterDeltas\": 2, \"streamBreakException\": \"ThrottlingException\", \"faultSeed\": 3,"
                + " \"firstByteLatencyMs\": 1, \"timePerTokenMs\": 0, \"tokensPerMinute\": 0}").statusCode()).isEqualTo(204);
        assertThatThrownBy(this::invoke).isInstanceOf(InternalServerException.class);
        emulator.resetRegions();
    }

    @Test
    void invalidBehaviourIsRefusedWithAReason() throws Exception {
        HttpResponse<String> unknownField = send("PUT", "/_emulator/regions/us-east-1", "{\"latency\": 5}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("latency");

        HttpResponse<String> badRate = send("PUT", "/_emulator/regions/us-east-1", "{\"failureRates\": {\"ThrottlingException\": 2}}");
        assertThat(badRate.statusCode()).isEqualTo(400);
        assertThat(badRate.body()).contains("between 0 and 1");

        HttpResponse<String> notInStreams = send("PUT", "/_emulator/regions/us-east-1", "{\"streamBreakException\": \"AccessDeniedException\"}");
        assertThat(notInStreams.statusCode()).isEqualTo(400);
        assertThat(send("GET", "/_emulator/nothing", null).statusCode()).isEqualTo(404);
    }

    private void invoke() {
        east.invokeModel(r -> r.modelId(SdkClients.CLAUDE).body(RequestBodies.bytes(RequestBodies.claude("Is it up?", 20))));
    }

    private static HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
