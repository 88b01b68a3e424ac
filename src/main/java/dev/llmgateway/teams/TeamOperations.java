package dev.llmgateway.teams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.admin.TeamAdmin;
import dev.llmgateway.auth.AdminCredentials;
import dev.llmgateway.chat.Json;
import dev.llmgateway.keys.RunningGateway;
import java.util.Map;

/**
 * What the {@code teams} command does to teams: straight in the database, or through a running gateway's admin API.
 * Either way the answers are the admin API's JSON (a team, or {@code {"data": [teams]}}).
 */
interface TeamOperations {

    /** The actor the audit trail names for changes made by the command on the database itself. */
    String ACTOR = AdminCredentials.COMMAND_LINE;

    JsonNode create(Map<String, Object> team);

    JsonNode list();

    JsonNode show(String team);

    JsonNode update(String team, Map<String, Object> changes);

    JsonNode delete(String team);

    static TeamOperations of(TeamAdmin admin) {
        return new TeamOperations() {
            @Override
            public JsonNode create(Map<String, Object> team) {
                return RunningGateway.asApiJson(admin.create(Json.MAPPER.valueToTree(team), ACTOR));
            }

            @Override
            public JsonNode list() {
                return RunningGateway.asApiJson(Map.of("data", admin.list()));
            }

            @Override
            public JsonNode show(String team) {
                return RunningGateway.asApiJson(admin.show(team));
            }

            @Override
            public JsonNode update(String team, Map<String, Object> changes) {
                return RunningGateway.asApiJson(admin.update(team, Json.MAPPER.valueToTree(changes), ACTOR));
            }

            @Override
            public JsonNode delete(String team) {
                return RunningGateway.asApiJson(admin.delete(team, ACTOR));
            }
        };
    }

    static TeamOperations of(RunningGateway gateway) {
        return new TeamOperations() {
            @Override
            public JsonNode create(Map<String, Object> team) {
                return gateway.ok(gateway.post("/admin/teams", team));
            }

            @Override
            public JsonNode list() {
                return gateway.ok(gateway.get("/admin/teams"));
            }

            @Override
            public JsonNode show(String team) {
                return gateway.ok(gateway.get(path(team)));
            }

            @Override
            public JsonNode update(String team, Map<String, Object> changes) {
                return gateway.ok(gateway.patch(path(team), changes));
            }

            @Override
            public JsonNode delete(String team) {
                return gateway.ok(gateway.delete(path(team)));
            }

            private String path(String team) {
                return "/admin/teams/" + RunningGateway.encode(team);
            }
        };
    }
}
