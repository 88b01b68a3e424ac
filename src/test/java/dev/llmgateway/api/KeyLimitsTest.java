package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each API key has its own limits within its team's ({@code limits.perKey}, or the key's own set through the admin
 * API): one busy key does not use up its team.
 */
class KeyLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALL = """
            {"model": "claude-3-haiku", "max_tokens": 20, "messages": [{"role": "user", "content": "Hello there."}]}""";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_LIMITS_PERKEY_REQUESTSPERMINUTE", "2"), """
                teams:
                  analytics: {requestsPerMinute: 10}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aKeyPastItsOwnLimitIsRefusedWhileAnotherKeyOfItsTeamIsNot() throws Exception {
        String busy = TeamKeys.create(gateway, "analytics");
        String other = TeamKeys.create(gateway, "analytics");

        assertThat(TeamKeys.post(gateway, busy, "/v1/chat/completions", CALL).statusCode()).isEqualTo(200);
        HttpResponse<String> second = TeamKeys.post(gateway, busy, "/v1/chat/completions", CALL);
        HttpResponse<String> third = TeamKeys.post(gateway, busy, "/v1/chat/completions", CALL);
        HttpResponse<String> otherKey = TeamKeys.post(gateway, other, "/v1/chat/completions", CALL);

        assertThat(second.headers().firstValue("x-ratelimit-limit-requests")).as("the key's limit is the tighter")
                .hasValue("2");
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(third.body()).at("/error/message").asText()).contains("API key key_");
        assertThat(otherKey.statusCode()).isEqualTo(200);
        assertThat(otherKey.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
    }

    @Test
    void aKeysOwnLimitSetThroughTheAdminApiReplacesLimitsPerKeyAndChangesWithoutRestart() throws Exception {
        HttpResponse<String> created = AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"analytics\", \"name\": \"bulk\", \"requests_per_minute\": 3}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = AdminCalls.json(created).get("id").asText();
        String key = AdminCalls.json(created).get("key").asText();
        assertThat(AdminCalls.json(created).get("requests_per_minute").asInt()).isEqualTo(3);

        for (int call = 1; call <= 3; call++) {
            assertThat(TeamKeys.post(gateway, key, "/v1/chat/completions", CALL).statusCode()).as("call " + call)
                    .isEqualTo(200);
        }
        HttpResponse<String> fourth = TeamKeys.post(gateway, key, "/v1/chat/completions", CALL);
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(fourth.body()).at("/error/message").asText())
                .contains("API key " + id + ": 3 requests per minute");

        HttpResponse<String> raised = AdminCalls.send(gateway, "PATCH", "/admin/keys/" + id,
                "{\"requests_per_minute\": 6, \"tokens_per_minute\": 5000}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        assertThat(AdminCalls.json(raised).get("tokens_per_minute").asInt()).isEqualTo(5000);
        HttpResponse<String> afterRaise = TeamKeys.post(gateway, key, "/v1/chat/completions", CALL);
        assertThat(afterRaise.statusCode()).isEqualTo(200);
        assertThat(afterRaise.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("5000");

        JsonNode audit = AdminCalls.json(AdminCalls.send(gateway, "GET", "/admin/audit?team=analytics", null));
        assertThat(audit.at("/data/0/action").asText()).isEqualTo("key.update");
        assertThat(audit.at("/data/0/before/requests_per_minute").asInt()).isEqualTo(3);
        assertThat(audit.at("/data/0/after/requests_per_minute").asInt()).isEqualTo(6);
    }

    @Test
    void aKeysModelsAndExpiryAreChangedAndClearedByPatchAndAPatchThatChangesNothingIsNotAudited() {
        HttpResponse<String> created = AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"analytics\", \"name\": \"edited\", \"requests_per_minute\": 9}");
        String id = AdminCalls.json(created).get("id").asText();
        String key = AdminCalls.json(created).get("key").asText();

        HttpResponse<String> narrowed = AdminCalls.send(gateway, "PATCH", "/admin/keys/" + id,
                "{\"models\": [\"claude-3-5-haiku\"], \"expires_at\": \"2099-03-01T12:00:00Z\"}");
        assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
        assertThat(AdminCalls.json(narrowed).get("expires_at").asText()).isEqualTo("2099-03-01T12:00:00Z");
        assertThat(AdminCalls.json(narrowed).get("requests_per_minute").asInt()).as("kept").isEqualTo(9);
        assertThat(TeamKeys.post(gateway, key, "/v1/chat/completions", CALL).statusCode())
                .as("claude-3-haiku is no longer among the key's models").isEqualTo(403);

        for (String nothing : List.of("{}", "{\"models\": [\"claude-3-5-haiku\"], \"expires_at\": "
                + "\"2099-03-01T12:00:00Z\", \"requests_per_minute\": 9, \"tokens_per_minute\": null}")) {
            HttpResponse<String> unchanged = AdminCalls.send(gateway, "PATCH", "/admin/keys/" + id, nothing);
            assertThat(unchanged.statusCode()).as(unchanged.body()).isEqualTo(200);
            assertThat(AdminCalls.json(unchanged)).isEqualTo(AdminCalls.json(narrowed));
        }
        HttpResponse<String> cleared = AdminCalls.send(gateway, "PATCH", "/admin/keys/" + id,
                "{\"models\": null, \"expires_at\": null}");
        assertThat(AdminCalls.json(cleared).get("models").isNull()).isTrue();
        assertThat(AdminCalls.json(cleared).get("expires_at").isNull()).isTrue();
        assertThat(TeamKeys.post(gateway, key, "/v1/chat/completions", CALL).statusCode()).isEqualTo(200);

        HttpResponse<String> past = AdminCalls.send(gateway, "PATCH", "/admin/keys/" + id,
                "{\"expires_at\": \"2020-01-01T00:00:00Z\", \"requests_per_minute\": 50}");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(AdminCalls.json(past).at("/error/message").asText()).contains("'expires_at'", "not in the future");
        HttpResponse<String> typo = AdminCalls.send(gateway, "PATCH", "/admin/keys/" + id,
                "{\"models\": [\"claude-3-5-haikoo\"]}");
        assertThat(AdminCalls.json(typo).at("/error/code").asText()).isEqualTo("model_not_found");

        List<JsonNode> audit = new ArrayList<>();
        AdminCalls.json(AdminCalls.send(gateway, "GET", "/admin/audit?team=analytics", null)).get("data")
                .forEach(entry -> {
                    if (entry.get("target").asText().equals(id)) {
                        audit.add(entry);
                    }
                });
        assertThat(audit).extracting(entry -> entry.get("action").asText())
                .containsExactly("key.update", "key.update", "key.create");
        assertThat(audit.get(0).at("/after/requests_per_minute").asInt()).as("the refused change left nothing")
                .isEqualTo(9);
        assertThat(audit.get(1).at("/after/models/0").asText()).isEqualTo("claude-3-5-haiku");
    }

    @Test
    void aKeysLimitsMustBeWholeNumbersOfAtLeastOneAndNothingElseChanges() throws Exception {
        HttpResponse<String> zero = AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"analytics\", \"name\": \"x\", \"tokens_per_minute\": 0}");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(AdminCalls.json(zero).at("/error/message").asText()).contains("tokens_per_minute");

        String id = AdminCalls.json(AdminCalls.send(gateway, "POST", "/admin/keys",
                "{\"team\": \"analytics\", \"name\": \"y\"}")).get("id").asText();
        HttpResponse<String> other = AdminCalls.send(gateway, "PATCH", "/admin/keys/" + id, "{\"team\": \"b\"}");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(AdminCalls.json(other).at("/error/code").asText()).isEqualTo("unknown_field");
        HttpResponse<String> missing = AdminCalls.send(gateway, "PATCH", "/admin/keys/key_nope",
                "{\"requests_per_minute\": 2}");
        assertThat(missing.statusCode()).isEqualTo(404);
    }
}
