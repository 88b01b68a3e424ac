package dev.llmgateway.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.audit.AuditCommand;
import dev.llmgateway.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code keys} and {@code audit} commands on the database (the gateway of this test runs in this JVM, so the
 * commands open the embedded file themselves): a key with models, an expiry and its own limits, rotated and changed,
 * each change in the audit trail as {@code command-line}, which {@code audit} lists with the API's filters.
 */
class KeysAndAuditCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestGateway gateway;
    private static Map<String, String> env;

    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
        env = Map.of("LLMGW_STORAGE_DATADIR", gateway.dataDir().toString());
        HttpResponse<String> team = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/teams"))
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"team\": \"apps\", \"models\": [\"claude-3-haiku\", "
                        + "\"claude-3-5-haiku\"]}")));
        assertThat(team.statusCode()).as(team.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static int models(String secret) {
        return gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/models"))
                .header("Authorization", "Bearer " + secret).GET()).statusCode();
    }

    @Test
    void aKeyWithModelsExpiryAndLimitsIsCreatedRotatedAndChangedAndEachChangeIsAudited() throws Exception {
        Run created = keys("create", "--team", "apps", "--name", "android", "--models", "claude-3-haiku",
                "--expires-at", "2099-06-30T00:00:00Z", "--requests-per-minute", "7");
        assertThat(created.status()).as(created.err()).isZero();
        String id = created.out().split(" ")[1];
        String secret = created.out().lines().toList().get(1).strip();
        assertThat(models(secret)).isEqualTo(200);
        assertThat(keys("list", "--team", "apps").out().lines().toList().get(1)).startsWith(id)
                .contains(" claude-3-haiku ", " 2099-06-30T00:00:00Z ", " 7 ").endsWith(" active");

        Run rotated = keys("rotate", id, "--grace-period-seconds", "0");
        assertThat(rotated.status()).as(rotated.err()).isZero();
        assertThat(rotated.out()).startsWith("Rotated " + id + " (team apps); the old secret works until ");
        String newSecret = rotated.out().lines().toList().get(1).strip();
        assertThat(models(newSecret)).isEqualTo(200);
        assertThat(models(secret)).as("no grace period").isEqualTo(401);

        Run updated = keys("update", id, "--tokens-per-minute", "9000", "--clear", "requests_per_minute");
        assertThat(updated.out()).isEqualTo("Updated " + id + " (team apps): models claude-3-haiku, expires "
                + "2099-06-30T00:00:00Z, requests per minute limits.perKey, tokens per minute 9000.\n");

        Run audit = audit("--team", "apps");
        assertThat(audit.status()).as(audit.err()).isZero();
        assertThat(audit.out().lines().skip(1).toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).contains(" command-line ", " key.update ", " apps ", id,
                    "requests_per_minute: 7 -> null; tokens_per_minute: null -> 9000");
            assertThat(lines.get(1)).contains(" key.rotate ", "previous_secret_valid_until: null -> \"");
            assertThat(lines.get(2)).contains(" key.create ", "(created)");
            assertThat(lines.get(3)).contains(" admin-token ", " team.create ");
        });
        assertThat(audit.out()).doesNotContain(secret).doesNotContain(newSecret);
        JsonNode json = JSON.readTree(audit("--team", "apps", "--limit", "1", "--format", "json").out());
        assertThat(json.get("data")).hasSize(1);
        assertThat(json.at("/data/0/after/tokens_per_minute").asInt()).isEqualTo(9000);
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(audit("--team", "apps", "--from", tomorrow).out().lines()).hasSize(1);

        Run widened = keys("update", id, "--models", "claude-3-5-haiku,claude-3-haiku", "--clear", "expires_at");
        assertThat(widened.out()).as(widened.err()).isEqualTo("Updated " + id + " (team apps): models "
                + "claude-3-5-haiku,claude-3-haiku, expires never, requests per minute limits.perKey, tokens per "
                + "minute 9000.\n");
        Run again = keys("update", id, "--tokens-per-minute", "9000");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(audit("--team", "apps").out().lines().skip(1).toList()).as("the second changed nothing")
                .hasSize(5);
    }

    @Test
    void theCommandsRefuseWhatTheApiRefuses() {
        Run outside = keys("create", "--team", "apps", "--name", "x", "--models", "nova-pro");
        Run past = keys("create", "--team", "apps", "--name", "x", "--expires-at", "2001-01-01T00:00:00Z");
        Run zero = keys("create", "--team", "apps", "--name", "x", "--tokens-per-minute", "0");
        Run grace = keys("rotate", "key_whatever", "--grace-period-seconds", "999999999");
        Run unknown = keys("rotate", "key_missing");
        Run badPeriod = audit("--from", "yesterday");

        assertThat(outside.status()).isEqualTo(1);
        assertThat(outside.err()).contains("nova-pro, which team apps may not use");
        assertThat(past.err()).contains("is not in the future");
        assertThat(zero.err()).contains("tokens_per_minute must be at least 1");
        assertThat(grace.err()).contains("'grace_period_seconds' must be a whole number of seconds from 0 to 604800");
        assertThat(unknown.err()).contains("There is no API key with id 'key_missing'");
        assertThat(badPeriod.status()).isEqualTo(1);
        assertThat(badPeriod.err()).startsWith("audit: 'from' must be a UTC date");
        assertThat(keys("list", "--team", "apps").out()).doesNotContain(" x ");
    }

    private static Run keys(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KeysCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static Run audit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AuditCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }
}
