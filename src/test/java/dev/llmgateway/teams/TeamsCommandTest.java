package dev.llmgateway.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code teams} command on the database (the gateway of this test runs in this JVM, so the command opens the
 * embedded file itself; the path through a running gateway's admin API is the one {@code bin/gateway keys} takes,
 * {@code RunningGateway}): it creates, changes, shows, lists and deletes teams, and refuses what the API refuses.
 */
class TeamsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestGateway gateway;

    private record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void theCommandCreatesChangesShowsListsAndDeletesATeam() throws Exception {
        Map<String, String> env = Map.of("LLMGW_STORAGE_DATADIR", gateway.dataDir().toString());

        Run created = run(env, "create", "research", "--requests-per-minute", "30", "--models",
                "claude-3-5-haiku,nova-lite", "--feature-budget", "search=12.5", "--alert-thresholds", "80,50");
        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.json().get("models")).hasSize(2);
        assertThat(created.json().at("/feature_budgets_usd/search").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(created.json().at("/budget_alert_thresholds_percent/0").asInt()).isEqualTo(50);

        Run updated = run(env, "update", "research", "--monthly-budget-usd", "100", "--clear", "models");
        assertThat(updated.status()).as(updated.err()).isZero();
        assertThat(updated.json().get("models").isNull()).isTrue();
        assertThat(updated.json().get("requests_per_minute").asInt()).isEqualTo(30);

        Run shown = run(env, "show", "research");
        assertThat(shown.json().at("/spend/budget_usd").decimalValue()).isEqualByComparingTo("100");
        assertThat(run(env, "list").out()).containsPattern("research\\s+30\\s+-\\s+-\\s+100\\s+all");

        Run deleted = run(env, "delete", "research");
        assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
        Run gone = run(env, "show", "research");
        assertThat(gone.status()).isEqualTo(1);
        assertThat(gone.err()).contains("There is no team 'research'");
    }

    @Test
    void onTheDatabaseItselfTheCommandRefusesWhatTheApiRefuses() throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-teams-command-");
        Map<String, String> env = Map.of("LLMGW_STORAGE_DATADIR", dataDir.toString());

        Run badModel = run(env, "create", "lab", "--models", "claude-3-5-haikuu");
        Run negative = run(env, "create", "lab", "--requests-per-minute", "-1");
        Run created = run(env, "create", "lab", "--tokens-per-minute", "5000", "--injection-policy", "block",
                "--untrusted-policy", "block");
        Run badPolicy = run(env, "update", "lab", "--untrusted-policy", "deny");
        Run twice = run(env, "create", "lab");

        assertThat(badModel.status()).isEqualTo(1);
        assertThat(badModel.err()).contains("Did you mean 'claude-3-5-haiku'?");
        assertThat(negative.err()).contains("requests_per_minute must be at least 1");
        assertThat(created.status()).as(created.err()).isZero();
        assertThat(created.json().get("injection_policy").asText()).isEqualTo("block");
        assertThat(created.json().get("untrusted_policy").asText()).isEqualTo("block");
        assertThat(badPolicy.status()).isEqualTo(1);
        assertThat(badPolicy.err()).contains("'untrusted_policy' must be one of flag, sanitize, block");
        assertThat(twice.err()).contains("exists already");
        assertThat(run(env, "list").out()).containsPattern("lab\\s+-\\s+5000");
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TeamsCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }
}
