package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import dev.llmgateway.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways on one PostgreSQL database: a team created or changed through one is enforced by the other within its
 * refresh interval, without a restart, and both changes are in the audit trail either one shows.
 */
@ServiceBound
class TeamsAcrossInstancesTest {

    private static final String CALL = """
            {"model": "%s", "max_tokens": 20,
             "messages": [{"role": "user", "content": "Tell me how rivers carve valleys."}]}""";
    private static TestGateway first;
    private static TestGateway second;

    @BeforeAll
    static void start() throws Exception {
        String url = TestPostgres.freshDatabase("llmgw_teams_across_instances_test");
        Map<String, String> shared = Map.of(
                "LLMGW_STORAGE_MODE", "postgresql",
                "LLMGW_STORAGE_POSTGRESQL_URL", url,
                "LLMGW_STORAGE_POSTGRESQL_USER", TestPostgres.USER);
        first = TestGateway.start(shared);
        second = TestGateway.start(shared);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void aTeamCreatedOnOneInstanceIsEnforcedOnTheOtherAndAPatchThereLetsMoreCallsThrough() {
        String key = TeamKeys.create(first, "platform");
        assertThat(call(second, key, "claude-3-haiku").statusCode()).as("no team record yet: every model")
                .isEqualTo(200);

        HttpResponse<String> created = AdminCalls.send(first, "POST", "/admin/teams",
                "{\"team\": \"platform\", \"requests_per_minute\": 3, \"models\": [\"claude-3-5-haiku\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        Eventually.until("the second instance refuses a model the new team may not use",
                () -> call(second, key, "claude-3-haiku").statusCode() == 403);
        int admitted = 0;
        int status;
        do {
            status = call(second, key, "claude-3-5-haiku").statusCode();
            admitted += status == 200 ? 1 : 0;
        } while (status == 200 && admitted <= 3);
        assertThat(admitted).as("3 requests per minute").isEqualTo(3);
        assertThat(status).isEqualTo(429);

        HttpResponse<String> raised = AdminCalls.send(first, "PATCH", "/admin/teams/platform",
                "{\"requests_per_minute\": 1000}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        Eventually.until("the second instance applies the raised limit",
                () -> call(second, key, "claude-3-5-haiku").statusCode() == 200);

        JsonNode audit = AdminCalls.json(AdminCalls.send(second, "GET", "/admin/audit?team=platform", null));
        assertThat(audit.get("data")).extracting(entry -> entry.get("action").asText())
                .containsExactly("team.update", "team.create", "key.create");
    }

    private static HttpResponse<String> call(TestGateway gateway, String key, String model) {
        return TeamKeys.post(gateway, key, "/v1/chat/completions", CALL.formatted(model));
    }
}
