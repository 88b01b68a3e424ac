package dev.llmgateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls of a gateway's admin API with the admin token. */
final class AdminCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminCalls() {
    }

    static HttpResponse<String> send(TestGateway gateway, String method, String path, String body) {
        return gateway.send(HttpRequest.newBuilder(gateway.uri(path))
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
