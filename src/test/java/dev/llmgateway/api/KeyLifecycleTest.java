package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys that expire and rotate: each refusal is a 401 that says which key and why. */
class KeyLifecycleTest {

    private static final String CALL = """
            {"model": "claude-3-haiku", "max_tokens": 20, "messages": [{"role": "user", "content": "Hello."}]}""";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aKeyWorksUntilItExpiresAndThenSaysSo() throws SQLException {
        String expiresAt = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode key = created(AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"temps\", \"name\": \"contractor\", \"expires_at\": \"" + expiresAt + "\"}"));
        assertThat(key.get("expires_at").asText()).isEqualTo(expiresAt);
        assertThat(call(key.get("key").asText()).statusCode()).isEqualTo(200);

        moveIntoThePast("expires_at", key.get("id").asText());

        assertUnauthorized(call(key.get("key").asText()), "expired_api_key", key.get("id").asText() + " expired at");
    }

    @Test
    void aRevokedKeySaysItWasRevoked() {
        JsonNode key = created(AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"temps\", \"name\": \"r\"}"));
        AdminCalls.send(gateway, "DELETE", "/admin/keys/" + key.get("id").asText(), null);

        assertUnauthorized(call(key.get("key").asText()), "revoked_api_key", key.get("id").asText() + " was revoked");
        assertUnauthorized(call("sk-llmgw-never-issued"), "invalid_api_key", "not valid");
    }

    @Test
    void aRotatedKeyKeepsItsIdAndItsOldSecretWorksForTheGracePeriodOnly() {
        JsonNode key = created(AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"temps\", \"name\": \"s\"}"));
        String id = key.get("id").asText();
        String first = key.get("key").asText();

        HttpResponse<String> rotated = AdminCalls.send(gateway, "POST", "/admin/keys/" + id + "/rotate", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String second = AdminCalls.json(rotated).get("key").asText();
        assertThat(AdminCalls.json(rotated).get("id").asText()).isEqualTo(id);
        assertThat(Instant.parse(AdminCalls.json(rotated).get("previous_secret_valid_until").asText()))
                .isAfter(Instant.now().plus(23, ChronoUnit.HOURS));
        assertThat(call(first).statusCode()).as("within the default grace period").isEqualTo(200);
        assertThat(call(second).statusCode()).isEqualTo(200);

        HttpResponse<String> again = AdminCalls.send(gateway, "POST", "/admin/keys/" + id + "/rotate",
                "{\"grace_period_seconds\": 0}");
        String third = AdminCalls.json(again).get("key").asText();

        assertUnauthorized(call(first), "invalid_api_key", "not valid");
        assertUnauthorized(call(second), "rotated_api_key", "of the API key " + id + " was replaced");
        assertThat(call(third).statusCode()).isEqualTo(200);
        HttpResponse<String> audit = AdminCalls.send(gateway, "GET", "/admin/audit?team=temps", null);
        assertThat(AdminCalls.json(audit).get("data")).extracting(entry -> entry.get("action").asText())
                .contains("key.rotate");
        assertThat(audit.body()).doesNotContain(first, second, third);
    }

    @Test
    void badKeyRequestsAreRefusedNamingTheField() {
        assertRefused(AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"temps\", \"name\": \"x\", \"expires_at\": \"2020-01-01T00:00:00Z\"}"), 400,
                "'expires_at' (2020-01-01T00:00:00Z) is not in the future");
        assertRefused(AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"temps\", \"name\": \"x\", \"expire_at\": \"2030-01-01T00:00:00Z\"}"), 400,
                "Did you mean 'expires_at'?");
        assertRefused(AdminCalls.send(gateway, "POST", "/admin/keys/key_nope/rotate", null), 404, "key_nope");
        JsonNode key = created(AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"temps\", \"name\": \"y\"}"));
        assertRefused(AdminCalls.send(gateway, "POST", "/admin/keys/" + key.get("id").asText() + "/rotate",
                "{\"grace_period_seconds\": -1}"), 400, "from 0 to 604800");
        AdminCalls.send(gateway, "DELETE", "/admin/keys/" + key.get("id").asText(), null);
        assertRefused(AdminCalls.send(gateway, "POST", "/admin/keys/" + key.get("id").asText() + "/rotate", null),
                409, "is revoked");
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return AdminCalls.json(response);
    }

    private static HttpResponse<String> call(String key) {
        return TeamKeys.post(gateway, key, "/v1/chat/completions", CALL);
    }

    /** Time passing for one key: its column set to a minute ago. */
    private static void moveIntoThePast(String column, String id) throws SQLException {
        try (Connection connection = gateway.application().database().dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE api_keys SET " + column + " = ? "
                     + "WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
            update.setString(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response, String code, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(AdminCalls.json(response).at("/error/code").asText()).isEqualTo(code);
        assertThat(AdminCalls.json(response).at("/error/message").asText()).contains(message);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(AdminCalls.json(response).at("/error/message").asText()).contains(message);
    }
}
