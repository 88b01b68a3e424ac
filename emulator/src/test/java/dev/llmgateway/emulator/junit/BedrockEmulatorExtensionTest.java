package dev.llmgateway.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.emulator.BedrockEmulator;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BedrockEmulatorExtensionTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void clearProperties() {
        System.clearProperty(BedrockEmulatorExtension.MODE_PROPERTY);
        System.clearProperty(BedrockEmulatorExtension.ENDPOINT_PROPERTY);
    }

    @Test
    void pointsTheKameletsAtARunningEmulatorForTheClassAndRestoresThePropertiesAfter() throws Exception {
        System.setProperty(BedrockEmulatorExtension.MODE_PROPERTY, "bedrock");
        BedrockEmulatorExtension extension = new BedrockEmulatorExtension();

        extension.beforeAll(null);
        URI endpoint = extension.endpoint();
        assertThat(System.getProperty(BedrockEmulatorExtension.MODE_PROPERTY)).isEqualTo("emulator");
        assertThat(System.getProperty(BedrockEmulatorExtension.ENDPOINT_PROPERTY)).isEqualTo(endpoint.toString());
        assertThat(extension.resolveParameter(null, null)).isSameAs(extension.emulator())
                .isInstanceOf(BedrockEmulator.class);
        assertThat(get(endpoint.resolve("/model/anthropic.claude-3-haiku-20240307-v1:0/converse")).statusCode())
                .as("the emulator answers (an unsigned request is refused as Bedrock refuses it)").isEqualTo(403);

        extension.afterAll(null);
        assertThat(System.getProperty(BedrockEmulatorExtension.MODE_PROPERTY)).isEqualTo("bedrock");
        assertThat(System.getProperty(BedrockEmulatorExtension.ENDPOINT_PROPERTY)).isNull();
        assertThatThrownBy(() -> get(endpoint)).isInstanceOf(ConnectException.class);
        assertThatThrownBy(extension::emulator).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only while its test class");
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
