package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.keys.KeysCommand;
import dev.llmgateway.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = """
            {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "Say hello."}]}""";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private HttpResponse<String> chatWith(String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT));
        if (header != null) {
            request.header(header, value);
        }
        return gateway.send(request);
    }

    private HttpResponse<String> admin(HttpRequest.Builder request) {
        return gateway.send(request.header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN));
    }

    private String createKey(String team, String feature) throws Exception {
        String body = feature == null ? "{\"team\": \"%s\", \"name\": \"svc\"}".formatted(team)
                : "{\"team\": \"%s\", \"name\": \"svc\", \"feature\": \"%s\"}".formatted(team, feature);
        HttpResponse<String> created = admin(HttpRequest.newBuilder(gateway.uri("/admin/keys"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asText();
    }

    @Test
    void aCallWithoutAKeyIsRefusedWithAClearError() throws Exception {
        HttpResponse<String> response = chatWith(null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("missing_api_key");
        assertThat(error.get("message").asText()).contains("Authorization: Bearer");
        assertThat(gateway.emulator().stats("us-east-1").requestsReceived()).isZero();
    }

    @Test
    void aWrongKeyIsRefused() throws Exception {
        HttpResponse<String> response = chatWith("Authorization", "Bearer sk-llmgw-not-a-real-key");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(response.body()).doesNotContain("sk-llmgw-not-a-real-key");
    }

    @Test
    void theKeyMayComeAsBearerOrAsXApiKey() {
        assertThat(chatWith("Authorization", "Bearer " + TestGateway.API_KEY).statusCode()).isEqualTo(200);
        assertThat(chatWith("x-api-key", TestGateway.API_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void theAnthropicApiAnswersInItsOwnErrorShape() throws Exception {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/messages"))
                .header("x-api-key", "wrong-key-123456")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-haiku", "max_tokens": 10, "messages": [{"role": "user", "content": "Hi"}]}""")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).at("/error/type").asText()).isEqualTo("authentication_error");
    }

    @Test
    void modelsNeedAKeyAndHealthDoesNot() {
        assertThat(gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/models")).GET()).statusCode()).isEqualTo(401);
        assertThat(gateway.send(HttpRequest.newBuilder(gateway.uri("/health/ready")).GET()).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminCreatedKeyWorksAndStopsAtOnceWhenRevoked() throws Exception {
        HttpResponse<String> created = admin(HttpRequest.newBuilder(gateway.uri("/admin/keys"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"team\": \"analytics\", \"name\": \"reports\"}")));
        JsonNode key = JSON.readTree(created.body());
        assertThat(key.get("team").asText()).isEqualTo("analytics");
        assertThat(chatWith("Authorization", "Bearer " + key.get("key").asText()).statusCode()).isEqualTo(200);

        JsonNode listed = JSON.readTree(admin(HttpRequest.newBuilder(gateway.uri("/admin/keys?team=analytics")).GET()).body());
        assertThat(listed.get("data")).anySatisfy(k -> assertThat(k.get("id").asText()).isEqualTo(key.get("id").asText()));
        assertThat(listed.toString()).doesNotContain(key.get("key").asText());

        HttpResponse<String> revoked = admin(HttpRequest.newBuilder(gateway.uri("/admin/keys/" + key.get("id").asText()))
                .DELETE());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).get("revoked_at").isNull()).isFalse();
        assertThat(chatWith("Authorization", "Bearer " + key.get("key").asText()).statusCode()).isEqualTo(401);
    }

    @Test
    void theAdminApiNeedsTheAdminToken() throws Exception {
        HttpResponse<String> withoutToken = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/keys")).GET());
        HttpResponse<String> withAnApiKey = gateway.send(gateway.request("/admin/keys").GET());

        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(withAnApiKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(withAnApiKey.body()).at("/error/code").asText()).isEqualTo("invalid_admin_token");
    }

    @Test
    void badAdminRequestsAreExplained() throws Exception {
        HttpResponse<String> badTeam = admin(HttpRequest.newBuilder(gateway.uri("/admin/keys"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"team\": \"no spaces\", \"name\": \"x\"}")));
        HttpResponse<String> unknownKey = admin(HttpRequest.newBuilder(gateway.uri("/admin/keys/key_nothing")).DELETE());

        assertThat(badTeam.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badTeam.body()).at("/error/message").asText()).contains("'team' must be");
        assertThat(unknownKey.statusCode()).isEqualTo(404);
    }

    @Test
    void anInvalidFeatureHeaderIsA400() throws Exception {
        HttpResponse<String> response = gateway.send(gateway.request("/v1/chat/completions")
                .header("X-Feature", "bad feature!").POST(HttpRequest.BodyPublishers.ofString(CHAT)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("invalid_feature");
    }

    @Test
    void keysAreStoredOnlyAsHashes() throws Exception {
        String secret = createKey("search", "ranking");
        List<String> cells = new ArrayList<>();
        try (Connection connection = gateway.application().database().dataSource().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT * FROM api_keys")) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    cells.add(String.valueOf(rows.getString(column)));
                }
            }
        }
        assertThat(cells).isNotEmpty().noneMatch(cell -> cell.contains(secret) || cell.contains(TestGateway.API_KEY));
    }

    @Test
    void theCommandLineManagesKeysWhileTheGatewayRuns() throws Exception {
        Map<String, String> env = Map.of("LLMGW_STORAGE_DATADIR", gateway.dataDir().toString());
        StringWriter out = new StringWriter();
        int created = KeysCommand.run(new String[] {"create", "--team", "billing", "--name", "invoices"}, env,
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(created).isZero();
        String[] lines = out.toString().strip().split("\n");
        String secret = lines[lines.length - 1].strip();
        String id = lines[0].split(" ")[1];
        assertThat(chatWith("Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);

        StringWriter listed = new StringWriter();
        KeysCommand.run(new String[] {"list", "--team", "billing"}, env, new PrintWriter(listed, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(listed.toString()).contains(id).contains("active").doesNotContain(secret);

        assertThat(KeysCommand.run(new String[] {"revoke", id}, env, new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true))).isZero();
        assertThat(chatWith("Authorization", "Bearer " + secret).statusCode()).isEqualTo(401);
    }

    @Test
    void theCommandLineRefusesBadNamesAndUnknownIds() {
        Map<String, String> env = Map.of("LLMGW_STORAGE_DATADIR", gateway.dataDir().toString());
        StringWriter err = new StringWriter();
        int badTeam = KeysCommand.run(new String[] {"create", "--team", "a b", "--name", "x"}, env,
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        int unknown = KeysCommand.run(new String[] {"revoke", "key_missing"}, env,
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

        assertThat(badTeam).isNotZero();
        assertThat(unknown).isEqualTo(1);
        assertThat(err.toString()).contains("not a valid team").contains("no key with id key_missing");
    }

    @Test
    void aFreshInstallGetsAnInitialKeyInAnOwnerOnlyFile() throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-fresh-");
        try (TestGateway fresh = TestGateway.start(Map.of("LLMGW_STORAGE_DATADIR", dataDir.toString()),
                "auth: {keys: []}\n")) {
            Path file = dataDir.resolve("initial-api-key");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String key = Files.readString(file).strip();
            HttpResponse<String> response = fresh.send(HttpRequest.newBuilder(fresh.uri("/v1/models"))
                    .header("Authorization", "Bearer " + key).GET());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }
}
