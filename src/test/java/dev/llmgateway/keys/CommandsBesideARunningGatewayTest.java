package dev.llmgateway.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.audit.AuditCommand;
import dev.llmgateway.auth.ApiKeySecrets;
import dev.llmgateway.emulator.BedrockEmulator;
import dev.llmgateway.report.UsageCommand;
import dev.llmgateway.store.Database;
import dev.llmgateway.store.DatabaseInUseException;
import dev.llmgateway.store.StorageSettings;
import dev.llmgateway.teams.TeamsCommand;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.GatewayProcess;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The jar's {@code keys}, {@code audit} and {@code usage} commands while a gateway (in a JVM of its own) holds the embedded database:
 * they go through its admin API with the admin token and port of their settings, print what they print when they
 * open the file themselves, and say what to do when they cannot reach it. The last test stops the gateway and
 * compares the two paths' output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ServiceBound
class CommandsBesideARunningGatewayTest {

    private static final String CHAT = """
            {"model": "claude-3-haiku", "max_tokens": 20, "messages": [{"role": "user", "content": "Hello there."}]}""";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static BedrockEmulator emulator;
    private static GatewayProcess gateway;
    private static Path dataDir;

    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("llmgw-commands-");
        emulator = BedrockEmulator.start(0);
        gateway = GatewayProcess.start(dataDir, emulator.endpoint(), Map.of());
        for (String feature : List.of("ranking", "ranking", "invoices")) {
            assertThat(chat(TestGateway.API_KEY, feature).statusCode()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static HttpResponse<String> chat(String key, String feature) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("X-Feature", feature)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CHAT))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The settings an operator's shell would give the command: where the data is, the port, the admin token. */
    private static Map<String, String> settings() {
        Map<String, String> env = new HashMap<>();
        env.put("LLMGW_STORAGE_DATADIR", dataDir.toString());
        env.put("LLMGW_SERVER_PORT", Integer.toString(gateway.uri("/").getPort()));
        env.put("LLMGW_AUTH_ADMINTOKEN", TestGateway.ADMIN_TOKEN);
        return env;
    }

    private static Run keys(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KeysCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static Run teams(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TeamsCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static Run audit(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = AuditCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private static Run usage(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = UsageCommand.run(args, env, Clock.systemUTC(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    @Order(1)
    void theDatabaseFileIsHeldByTheRunningGatewayAndSaysSo() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> Database.openUnlessInUse(new StorageSettings(StorageSettings.Mode.EMBEDDED,
                dataDir.toString(), null))).isInstanceOf(DatabaseInUseException.class)
                .hasMessageContaining("The embedded database under " + dataDir + " is in use by another process");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("told at once, not after the pool's retries")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Order(2)
    void keysAreCreatedListedAndRevokedThroughTheAdminApi() throws Exception {
        Run created = keys(settings(), "create", "--team", "billing", "--name", "invoice-service", "--feature",
                "invoices");
        assertThat(created.status()).as(created.err()).isZero();
        String[] lines = created.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("Created key_\\S+ for team billing\\. The key \\(shown only now\\):");
        String id = lines[0].split(" ")[1];
        String secret = lines[1].strip();
        assertThat(chat(secret, "invoices").statusCode()).isEqualTo(200);

        Run listed = keys(settings(), "list", "--team", "billing");
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out().lines().toList()).hasSize(2);
        assertThat(listed.out().lines().toList().get(0)).startsWith("ID").contains("PREFIX").endsWith("STATUS");
        assertThat(listed.out().lines().toList().get(1)).startsWith(id).contains(" billing ")
                .contains(" invoice-service ").contains(" invoices ").endsWith(" active")
                .contains(secret.substring(0, 8)).doesNotContain(secret);

        Run rotated = keys(settings(), "rotate", id, "--grace-period-seconds", "60");
        assertThat(rotated.status()).as(rotated.err()).isZero();
        String newSecret = rotated.out().lines().toList().get(1).strip();
        assertThat(chat(newSecret, "invoices").statusCode()).isEqualTo(200);
        assertThat(chat(secret, "invoices").statusCode()).as("within the grace period").isEqualTo(200);
        Run limited = keys(settings(), "update", id, "--requests-per-minute", "40");
        assertThat(limited.out()).isEqualTo("Updated " + id + " (team billing): models team's, expires never, "
                + "requests per minute 40, tokens per "
                + "minute limits.perKey.\n");
        Run audit = audit(settings(), "--team", "billing");
        assertThat(audit.status()).as(audit.err()).isZero();
        assertThat(audit.out().lines().skip(1).map(line -> line.split("\\s+")[2]).toList())
                .containsExactly("key.update", "key.rotate", "key.create");
        assertThat(audit.out()).contains(" admin-token ").doesNotContain(secret).doesNotContain(newSecret);

        Run revoked = keys(settings(), "revoke", id);
        assertThat(revoked.status()).as(revoked.err()).isZero();
        assertThat(revoked.out()).isEqualTo("Revoked " + id + " (team billing).\n");
        assertThat(chat(newSecret, "invoices").statusCode()).isEqualTo(401);
        assertThat(keys(settings(), "list", "--team", "billing").out()).containsPattern(" revoked \\d{4}-\\d\\d-\\d\\dT");

        Run unknown = keys(settings(), "revoke", "key_missing");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("keys: there is no key with id key_missing; `keys list` shows them.\n");
    }

    @Test
    @Order(2)
    void teamsAreCreatedChangedAndDeletedThroughTheAdminApiAndApplyAtOnce() throws Exception {
        Run created = teams(settings(), "create", "ops", "--models", "claude-3-5-haiku", "--requests-per-minute", "5");
        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.out()).contains("\"models\" : [ \"claude-3-5-haiku\" ]");
        String secret = keys(settings(), "create", "--team", "ops", "--name", "runbook").out().split("\n")[1].strip();
        assertThat(chat(secret, "default").statusCode()).as("claude-3-haiku is not among the team's models")
                .isEqualTo(403);

        Run updated = teams(settings(), "update", "ops", "--clear", "models");
        assertThat(updated.status()).as(updated.err()).isZero();
        assertThat(chat(secret, "default").statusCode()).isEqualTo(200);
        assertThat(teams(settings(), "list").out()).containsPattern("ops\\s+5\\s+-\\s+-\\s+-\\s+all");

        Run refused = teams(settings(), "update", "ops", "--requests-per-minute", "0");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("answered 400").contains("requests_per_minute must be at least 1");

        Run deleted = teams(settings(), "delete", "ops");
        assertThat(deleted.status()).as(deleted.err()).isZero();
        assertThat(chat(secret, "default").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void withOnlyNamedAdminsConfiguredTheCommandsUseTheCredentialOfTheirEnvironmentAndTheAuditNamesItsHolder()
            throws Exception {
        Path namedOnly = dataDir.resolve("named-admins-only.yaml");
        Files.writeString(namedOnly, """
                auth:
                  admins:
                    - {name: %s, token: "sha256:%s"}
                """.formatted(TestGateway.NAMED_ADMIN, ApiKeySecrets.hash(TestGateway.NAMED_ADMIN_TOKEN)));
        Map<String, String> env = settings();
        env.remove("LLMGW_AUTH_ADMINTOKEN");
        String config = "--config=" + namedOnly;

        Run refused = keys(env, config, "list");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("no admin token is configured. Set LLMGW_ADMIN_CREDENTIAL");

        env.put("LLMGW_ADMIN_CREDENTIAL", TestGateway.NAMED_ADMIN_TOKEN);
        Run team = teams(env, config, "create", "payroll", "--requests-per-minute", "9");
        assertThat(team.status()).as(team.err()).isZero();
        Run created = keys(env, config, "create", "--team", "payroll", "--name", "batch");
        assertThat(created.status()).as(created.err()).isZero();
        String id = created.out().split(" ")[1];
        Run updated = keys(env, config, "update", id, "--tokens-per-minute", "900");
        assertThat(updated.status()).as(updated.err()).isZero();
        Run audit = audit(env, config, "--team", "payroll", "--format", "json");
        assertThat(audit.status()).as(audit.err()).isZero();
        JsonNode entries = new ObjectMapper().readTree(audit.out()).get("data");
        assertThat(entries).extracting(entry -> entry.get("action").asText())
                .containsExactly("key.update", "key.create", "team.create");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.get("actor").asText())
                .isEqualTo(TestGateway.NAMED_ADMIN));

        env.put("LLMGW_ADMIN_CREDENTIAL", "not-anyones-credential");
        Run wrong = keys(env, config, "list");
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.err()).contains("did not accept the admin credential of LLMGW_ADMIN_CREDENTIAL");
    }

    @Test
    @Order(3)
    void usageComesFromTheUsageApi() {
        // the ledger writes the earlier calls' records in batches, a moment after they are answered
        Run report = Eventually.get(() -> usage(settings(), "--group-by", "team", "--format", "csv"),
                run -> run.status() != 0 || run.out().contains("\r\ndefault,"));

        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.out()).startsWith("team,requests,input_tokens,").contains("\r\ndefault,");
    }

    @Test
    @Order(4)
    void withoutAnAdminTokenTheCommandsSayWhatToDo() {
        Map<String, String> noToken = settings();
        noToken.remove("LLMGW_AUTH_ADMINTOKEN");

        Run listed = keys(noToken, "list");
        Run report = usage(noToken);

        assertThat(listed.status()).isEqualTo(1);
        assertThat(listed.out()).isEmpty();
        assertThat(listed.err()).startsWith("keys: the embedded database under " + dataDir
                        + " is in use by a running gateway")
                .contains("no admin token is configured. Set LLMGW_ADMIN_CREDENTIAL to your admin credential (the admin "
                        + "token or your named one, auth.admins), or auth.adminToken (LLMGW_AUTH_ADMINTOKEN) to the "
                        + "running gateway's admin token, or stop the gateway, then run this command again.");
        assertThat(listed.err().lines().count()).as("one message").isEqualTo(1);
        assertThat(report.status()).isEqualTo(1);
        assertThat(report.err()).startsWith("usage: the embedded database under " + dataDir)
                .contains("LLMGW_AUTH_ADMINTOKEN").contains("stop the gateway");
    }

    @Test
    @Order(5)
    void whenNoGatewayAnswersOnTheConfiguredPortTheCommandsSayWhatToDo() {
        Map<String, String> wrongPort = settings();
        int nobody = TestGateway.freePort();
        wrongPort.put("LLMGW_SERVER_PORT", Integer.toString(nobody));

        Run listed = keys(wrongPort, "list");

        assertThat(listed.status()).isEqualTo(1);
        assertThat(listed.err()).startsWith("keys: the embedded database under " + dataDir
                        + " is in use by another process, but no gateway answers at http://127.0.0.1:" + nobody
                        + " (connection refused)")
                .contains("LLMGW_SERVER_PORT").contains("stop the process that holds the file");
        assertThat(listed.err().lines().count()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aWrongAdminTokenIsExplained() {
        Map<String, String> wrongToken = settings();
        wrongToken.put("LLMGW_AUTH_ADMINTOKEN", "not-the-token");

        Run report = usage(wrongToken);

        assertThat(report.status()).isEqualTo(1);
        assertThat(report.err()).startsWith("usage: the gateway at http://127.0.0.1:")
                .contains("did not accept the admin credential of auth.adminToken").contains("LLMGW_AUTH_ADMINTOKEN")
                .contains("LLMGW_ADMIN_CREDENTIAL");
    }

    @Test
    @Order(7)
    void theOutputIsTheSameThroughTheGatewayAndFromTheFile() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String from = today.minusDays(1).toString();
        String to = today.plusDays(2).toString();
        List<String[]> commands = List.of(
                new String[] {"usage", "--from", from, "--to", to},
                new String[] {"usage", "--from", from, "--to", to, "--group-by", "team,feature,model,region,day"},
                new String[] {"usage", "--from", from, "--to", to, "--group-by", "feature,day", "--format", "csv"},
                new String[] {"usage", "--from", from, "--to", to, "--group-by", "model", "--format", "json"},
                new String[] {"usage", "--from", from, "--to", to, "--team", "default", "--feature", "ranking"},
                new String[] {"keys", "list"},
                new String[] {"audit"},
                new String[] {"audit", "--team", "billing", "--from", from, "--format", "json"});
        Thread.sleep(2_500); // the ledger's writer has flushed every call (flushIntervalMs 1 s)
        List<Run> throughTheGateway = runAll(commands);
        gateway.close();
        List<Run> fromTheFile = runAll(commands);

        assertThat(fromTheFile).isEqualTo(throughTheGateway);
        assertThat(fromTheFile).allSatisfy(run -> assertThat(run.status()).as(run.err()).isZero());
        assertThat(new ObjectMapper().readTree(fromTheFile.get(3).out()).at("/totals/requests").asLong())
                .isGreaterThanOrEqualTo(4);
        assertThat(fromTheFile.get(1).out()).contains("default").contains("ranking").contains("invoices");

        Run created = keys(settings(), "create", "--team", "search", "--name", "offline");
        assertThat(created.status()).as("with no gateway running, straight in the file: " + created.err()).isZero();
        String id = created.out().split(" ")[1];
        assertThat(keys(settings(), "list", "--team", "search").out()).contains(id).contains(" offline ")
                .contains(" active");
        assertThat(keys(settings(), "revoke", id).out()).isEqualTo("Revoked " + id + " (team search).\n");
        assertThat(keys(settings(), "list", "--team", "search").out()).contains(" revoked ");
    }

    private static List<Run> runAll(List<String[]> commands) {
        List<Run> runs = new ArrayList<>();
        for (String[] command : commands) {
            String[] args = java.util.Arrays.copyOfRange(command, 1, command.length);
            runs.add(switch (command[0]) {
                case "keys" -> keys(settings(), args);
                case "audit" -> audit(settings(), args);
                default -> usage(settings(), args);
            });
        }
        return runs;
    }
}
