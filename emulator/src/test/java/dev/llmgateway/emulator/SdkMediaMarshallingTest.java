package dev.llmgateway.emulator;

import static dev.llmgateway.emulator.MediaRequests.document;
import static dev.llmgateway.emulator.MediaRequests.image;
import static dev.llmgateway.emulator.MediaRequests.textDocument;
import static dev.llmgateway.emulator.MediaRequests.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * What the pinned SDK puts on the wire for image and document blocks, caught by a bare HTTP server: the shapes the
 * emulator's Converse reader expects, bytes in base64.
 */
class SdkMediaMarshallingTest {
    private static final String CONVERSE_REPLY = "{\"output\": {\"message\": {\"role\": \"assistant\", \"content\": [{\"text\": \"ok\"}]}}, "
            + "\"stopReason\": \"end_turn\", \"usage\": {\"inputTokens\": 1, \"outputTokens\": 1, \"totalTokens\": 2}, "
            + "\"metrics\": {\"latencyMs\": 1}}";
    private static final AtomicReference<JsonNode> LAST_BODY = new AtomicReference<>();
    private static HttpServer server;
    private static BedrockRuntimeClient client;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            LAST_BODY.set(RequestBodies.read(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] reply = (exchange.getRequestURI().getPath().endsWith("/count-tokens") ? "{\"inputTokens\":1}" : CONVERSE_REPLY)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        client = SdkClients.sync(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "us-east-1");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void converseSendsImageAndDocumentBytesAsBase64Strings() {
        byte[] png = MediaSamples.png(3, 2);
        byte[] pdf = MediaSamples.pdf(1);
        Message message = user("Look", image("png", png), document("report", "pdf", pdf), textDocument("notes", "txt", "Plain notes"));

        client.converse(r -> r.modelId(SdkClients.CLAUDE).messages(message));

        JsonNode content = LAST_BODY.get().at("/messages/0/content");
        assertThat(content.get(0)).isEqualTo(RequestBodies.read("{\"image\": {\"format\": \"png\", \"source\": {\"bytes\": \""
                + Base64.getEncoder().encodeToString(png) + "\"}}}"));
        assertThat(content.get(1)).isEqualTo(RequestBodies.read("{\"document\": {\"format\": \"pdf\", \"name\": \"report\", "
                + "\"source\": {\"bytes\": \"" + Base64.getEncoder().encodeToString(pdf) + "\"}}}"));
        assertThat(content.get(2)).isEqualTo(RequestBodies.read(
                "{\"document\": {\"format\": \"txt\", \"name\": \"notes\", \"source\": {\"text\": \"Plain notes\"}}}"));
        assertThat(content.get(3)).isEqualTo(RequestBodies.read("{\"text\": \"Look\"}"));
    }

    @Test
    void countTokensSendsTheSameBlocksInsideInputConverse() {
        byte[] gif = MediaSamples.gif(2, 2);

        client.countTokens(r -> r.modelId(SdkClients.CLAUDE)
                .input(CountTokensInput.fromConverse(c -> c.messages(user("", image("gif", gif))))));

        assertThat(LAST_BODY.get().at("/input/converse/messages/0/content/0/image/source/bytes").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(gif));
    }
}
