package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.testing.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration's teams: seed the database once; after that what the admin API did wins over a restart. */
class TeamSeedTest {

    private static final String CONFIG = """
            teams:
              kept: {requestsPerMinute: 50}
              dropped: {requestsPerMinute: 50}
            """;

    @Test
    void aChangeOrDeletionMadeAtRunTimeSurvivesARestartWithTheSameConfiguration() throws Exception {
        Path dataDir = Files.createTempDirectory("llmgw-team-seed-");
        Map<String, String> env = Map.of("LLMGW_STORAGE_DATADIR", dataDir.toString());
        try (TestGateway gateway = TestGateway.start(env, CONFIG)) {
            assertThat(AdminCalls.send(gateway, "PATCH", "/admin/teams/kept", "{\"requests_per_minute\": 7}")
                    .statusCode()).isEqualTo(200);
            assertThat(AdminCalls.send(gateway, "DELETE", "/admin/teams/dropped", null).statusCode()).isEqualTo(200);
        }

        try (TestGateway restarted = TestGateway.start(env, CONFIG)) {
            assertThat(AdminCalls.json(AdminCalls.send(restarted, "GET", "/admin/teams/kept", null))
                    .get("requests_per_minute").asInt()).isEqualTo(7);
            assertThat(AdminCalls.send(restarted, "GET", "/admin/teams/dropped", null).statusCode()).isEqualTo(404);
            assertThat(AdminCalls.json(AdminCalls.send(restarted, "GET", "/admin/audit?team=kept", null)).get("data"))
                    .extracting(entry -> entry.get("action").asText()).containsExactly("team.update", "team.create");
        }
    }
}
