package dev.llmgateway.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.auth.ApiKey;
import dev.llmgateway.auth.ApiKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a running gateway, through its admin API: {@code POST /admin/keys}, {@code GET /admin/keys[?team=]},
 * {@code DELETE /admin/keys/{id}}. The keys come back as the admin API shows them ({@code ApiKeyViews}).
 */
final class AdminApiKeys implements KeyStore {

    private static final String KEYS = "/admin/keys";

    private final RunningGateway gateway;

    AdminApiKeys(RunningGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public ApiKeys.Created create(String team, String name, String feature) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("team", team);
        body.put("name", name);
        if (feature != null) {
            body.put("feature", feature);
        }
        JsonNode created = gateway.ok(gateway.post(KEYS, body));
        return new ApiKeys.Created(key(created), created.path("key").asText());
    }

    @Override
    public List<ApiKey> list(String team) {
        JsonNode listed = gateway.ok(gateway.get(team == null ? KEYS : KEYS + "?team=" + RunningGateway.encode(team)));
        List<ApiKey> keys = new ArrayList<>();
        listed.path("data").forEach(view -> keys.add(key(view)));
        return keys;
    }

    @Override
    public Optional<ApiKey> revoke(String id) {
        RunningGateway.Response response = gateway.delete(KEYS + "/" + RunningGateway.encode(id));
        if (response.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(key(gateway.ok(response)));
    }

    private static ApiKey key(JsonNode view) {
        return new ApiKey(view.path("id").asText(), view.path("prefix").asText(), view.path("team").asText(),
                view.path("name").asText(), text(view, "feature"), Instant.parse(view.path("created_at").asText()),
                text(view, "revoked_at") == null ? null : Instant.parse(view.path("revoked_at").asText()));
    }

    private static String text(JsonNode view, String field) {
        JsonNode value = view.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
