package dev.llmgateway.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.llmgateway.admin.ApiKeyRotator;
import dev.llmgateway.admin.KeyAdmin;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.auth.AdminCredentials;
import dev.llmgateway.chat.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code keys} command does to keys: straight in the database (audited as {@code command-line}), or through
 * a running gateway's admin API. Either way the answers are the admin API's JSON (a key, or {@code {"data": [keys]}}).
 */
interface KeyOperations {

    /** The actor the audit trail names for changes made by the command on the database itself. */
    String ACTOR = AdminCredentials.COMMAND_LINE;

    /** @return the created key, its secret in {@code key} */
    JsonNode create(Map<String, Object> key);

    /** @param team only this team's keys, or null for every key */
    JsonNode list(String team);

    JsonNode update(String id, Map<String, Object> changes);

    /** @param graceSeconds how long the old secret keeps working, or null for the default (a day) */
    JsonNode rotate(String id, Long graceSeconds);

    /** @return the revoked key, or empty when there is no key with that id */
    Optional<JsonNode> revoke(String id);

    static KeyOperations of(KeyAdmin admin) {
        return new KeyOperations() {
            @Override
            public JsonNode create(Map<String, Object> key) {
                return RunningGateway.asApiJson(admin.create(Json.MAPPER.valueToTree(key), ACTOR));
            }

            @Override
            public JsonNode list(String team) {
                return RunningGateway.asApiJson(Map.of("data", admin.list(team)));
            }

            @Override
            public JsonNode update(String id, Map<String, Object> changes) {
                return RunningGateway.asApiJson(admin.update(id, Json.MAPPER.valueToTree(changes), ACTOR));
            }

            @Override
            public JsonNode rotate(String id, Long graceSeconds) {
                Duration grace = ApiKeyRotator.grace(graceSeconds == null ? null : LongNode.valueOf(graceSeconds));
                return RunningGateway.asApiJson(admin.rotate(id, grace, ACTOR));
            }

            @Override
            public Optional<JsonNode> revoke(String id) {
                try {
                    return Optional.of(RunningGateway.asApiJson(admin.revoke(id, ACTOR)));
                } catch (GatewayException e) {
                    if (e.status() == 404) {
                        return Optional.empty();
                    }
                    throw e;
                }
            }
        };
    }

    static KeyOperations of(RunningGateway gateway) {
        return new KeyOperations() {
            private static final String KEYS = "/admin/keys";

            @Override
            public JsonNode create(Map<String, Object> key) {
                return gateway.ok(gateway.post(KEYS, key));
            }

            @Override
            public JsonNode list(String team) {
                return gateway.ok(gateway.get(team == null ? KEYS : KEYS + "?team=" + RunningGateway.encode(team)));
            }

            @Override
            public JsonNode update(String id, Map<String, Object> changes) {
                return gateway.ok(gateway.patch(path(id), changes));
            }

            @Override
            public JsonNode rotate(String id, Long graceSeconds) {
                Map<String, Object> body = new LinkedHashMap<>();
                if (graceSeconds != null) {
                    body.put("grace_period_seconds", graceSeconds);
                }
                return gateway.ok(gateway.post(path(id) + "/rotate", body));
            }

            @Override
            public Optional<JsonNode> revoke(String id) {
                RunningGateway.Response response = gateway.delete(path(id));
                return response.status() == 404 ? Optional.empty() : Optional.of(gateway.ok(response));
            }

            private String path(String id) {
                return KEYS + "/" + RunningGateway.encode(id);
            }
        };
    }
}
