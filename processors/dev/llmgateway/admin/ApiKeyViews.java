package dev.llmgateway.admin;

import dev.llmgateway.auth.ApiKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the admin API and the command line show a key: everything but its hash. */
public final class ApiKeyViews {

    private ApiKeyViews() {
    }

    public static Map<String, Object> of(ApiKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", key.id());
        view.put("prefix", key.prefix());
        view.put("team", key.team());
        view.put("name", key.name());
        view.put("feature", key.defaultFeature());
        view.put("created_at", key.createdAt().toString());
        view.put("revoked_at", key.revoked() ? key.revokedAt().toString() : null);
        view.put("models", key.models());
        view.put("expires_at", key.expiresAt() == null ? null : key.expiresAt().toString());
        view.put("previous_secret_valid_until",
                key.previousValidUntil() == null ? null : key.previousValidUntil().toString());
        view.put("requests_per_minute", key.rateLimits().requestsPerMinute());
        view.put("tokens_per_minute", key.rateLimits().tokensPerMinute());
        return view;
    }
}
