package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** API keys of other teams than the test gateway's default one, made through the admin API, and calls made with them. */
final class TeamKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TeamKeys() {
    }

    /** @return a new key of the team */
    static String create(TestGateway gateway, String team) {
        HttpResponse<String> created = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/keys"))
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"team\": \"%s\", \"name\": \"tests\"}".formatted(team))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try {
            return JSON.readTree(created.body()).get("key").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request carrying the key. */
    static HttpRequest.Builder request(TestGateway gateway, String key, String path) {
        return HttpRequest.newBuilder(gateway.uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json");
    }

    static HttpResponse<String> post(TestGateway gateway, String key, String path, String body) {
        return gateway.send(request(gateway, key, path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
