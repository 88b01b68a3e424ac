package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Unknown model ids and requests without credentials, refused as Bedrock refuses them. */
class StrictnessTest {
    private static final String INVALID_MODEL = "The provided model identifier is invalid.";
    private static BedrockEmulator emulator;
    private static BedrockRuntimeClient client;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        emulator = BedrockEmulator.start(0);
        client = SdkClients.sync(emulator, "us-east-1");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.resetRegions();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic.claude-3-5-sonnet-20990101-v1:0", "us.anthropic.claude-imaginary-v1:0",
            "anthropic.claude", "amazon.titan-embed-text-v9:0", "mistral.mistral-large-2402-v1:0"})
    void unknownModelIdsAreAValidationError(String modelId) {
        assertThatThrownBy(() -> client.converse(r -> r.modelId(modelId).messages(ToolRequests.user("Hi"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(INVALID_MODEL);
                });
        assertThatThrownBy(() -> client.invokeModel(r -> r.modelId(modelId).body(RequestBodies.bytes(RequestBodies.claude("Hi", 10)))))
                .isInstanceOf(ValidationException.class).hasMessageContaining(INVALID_MODEL);
    }

    @Test
    void converseStreamRefusesAnUnknownModelId() {
        try (BedrockRuntimeAsyncClient async = SdkClients.async(emulator, "us-east-1")) {
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder().build()).build();
            assertThatThrownBy(() -> async.converseStream(r -> r.modelId("anthropic.claude-imaginary-v1:0")
                    .messages(ToolRequests.user("Hi")), handler).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ValidationException.class).hasMessageContaining(INVALID_MODEL);
        }
    }

    /** The model ids the gateway is configured with: every target and every priced id in application.yaml. */
    @Test
    void everyModelIdOfTheApplicationConfigurationIsKnown() throws IOException {
        String yaml = Files.readString(Path.of("..", "application.yaml"));
        Set<String> ids = new LinkedHashSet<>();
        Matcher target = Pattern.compile("(?m)^\\s*(?:- )?modelId:\\s*\"?([^\"\\s]+)\"?\\s*$").matcher(yaml);
        while (target.find()) {
            ids.add(target.group(1));
        }
        Matcher priced = Pattern.compile("(?m)^\\s+\"([^\"]+)\":\\s*\\{\\s*input:").matcher(yaml);
        while (priced.find()) {
            ids.add(priced.group(1));
        }

        assertThat(ids).contains("us.anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-haiku-20240307-v1:0",
                "amazon.titan-embed-text-v2:0");
        assertThat(ids).allSatisfy(id -> assertThat(ModelId.parse(id.replace(":", "%3A")).requested()).isEqualTo(id));
    }

    private static HttpResponse<String> postConverse(String authorization) throws Exception {
        URI converse = emulator.endpoint().resolve("/model/" + SdkClients.CLAUDE.replace(":", "%3A") + "/converse");
        HttpRequest.Builder request = HttpRequest.newBuilder(converse)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \"Hi\"}]}]}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnsignedRequestIsRefusedWithMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = postConverse(null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValueSatisfying(
                type -> assertThat(type).startsWith("MissingAuthenticationTokenException:"));
        assertThat(RequestBodies.read(response.body()).get("message").asText()).isEqualTo("Missing Authentication Token");
        assertThat(emulator.stats("us-east-1").requestsReceived()).isZero();
    }

    @Test
    void aSigV4OrBearerAuthorizationHeaderIsEnoughSignaturesAreNotChecked() throws Exception {
        assertThat(postConverse(SdkClients.SIGV4_AUTHORIZATION).statusCode()).isEqualTo(200);
        assertThat(postConverse("Bearer bedrock-api-key-example").statusCode()).isEqualTo(200);
        assertThat(postConverse("Basic dXNlcjpwYXNz").statusCode()).isEqualTo(403);
        assertThat(emulator.stats("us-east-1").requestsReceived()).isEqualTo(2);
    }

    @Test
    void theSdkWithAnonymousCredentialsSignsNothingAndIsRefused() {
        try (BedrockRuntimeClient anonymous = BedrockRuntimeClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            assertThatThrownBy(() -> anonymous.converse(r -> r.modelId(SdkClients.CLAUDE).messages(ToolRequests.user("Hi"))))
                    .isInstanceOfSatisfying(BedrockRuntimeException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingAuthenticationTokenException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Missing Authentication Token");
                    });
        }
    }
}
