package dev.llmgateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.audit.AuditTrail;
import dev.llmgateway.auth.ApiKey;
import dev.llmgateway.auth.ApiKeys;
import dev.llmgateway.auth.KeyRateLimits;
import dev.llmgateway.auth.Names;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.KnownFields;
import dev.llmgateway.teams.TeamFields;
import dev.llmgateway.teams.TeamSettings;
import dev.llmgateway.teams.TeamStore;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the admin API and the {@code keys} command do to API keys, each answer the key as the API shows it: create
 * (the secret in {@code key}, this once), list, change its models, expiry and rate limits, rotate, revoke. Every
 * change is audited in its own transaction; refusals are {@link GatewayException}s (400, 404, 409).
 */
public final class KeyAdmin {

    public static final String REQUESTS_PER_MINUTE = "requests_per_minute";
    public static final String TOKENS_PER_MINUTE = "tokens_per_minute";
    public static final String MODELS = "models";
    public static final String EXPIRES_AT = "expires_at";
    private static final List<String> FIELDS = List.of("team", "name", "feature", MODELS, EXPIRES_AT,
            REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE);
    private static final List<String> CHANGEABLE = List.of(MODELS, EXPIRES_AT, REQUESTS_PER_MINUTE,
            TOKENS_PER_MINUTE);

    private final ApiKeys keys;
    private final TeamFields fields;
    private final Function<String, Optional<TeamSettings>> teams;
    private final TeamStore store;

    /** @param teams a team's stored settings, as this process knows them (empty for a team without a row) */
    public KeyAdmin(ApiKeys keys, TeamFields fields, Function<String, Optional<TeamSettings>> teams,
                    TeamStore store) {
        this.keys = keys;
        this.fields = fields;
        this.teams = teams;
        this.store = store;
    }

    /**
     * {@code {"team", "name", "feature"?, "models"?, "expires_at"?, "requests_per_minute"?, "tokens_per_minute"?}}:
     * the key's models must be configured ones its team may use; its expiry, if any, in the future.
     *
     * @return the created key, its secret in {@code key}
     */
    public Map<String, Object> create(JsonNode body, String actor) {
        KnownFields.refuseOthers(body, FIELDS, "a field of a key");
        String team = validName(JsonFields.requiredString(body, "team"), "team");
        if (store.deleted(team)) {
            throw GatewayException.invalidRequest("team_deleted", "Team " + team + " was deleted; POST /admin/teams "
                    + "creates it again.");
        }
        String name = JsonFields.requiredString(body, "name");
        if (name.isBlank() || name.length() > 128) {
            throw GatewayException.invalidRequest("invalid_name", "'name' must be 1 to 128 characters.");
        }
        String feature = JsonFields.optionalString(body, "feature");
        if (feature != null) {
            validName(feature, "feature");
        }
        List<String> models = fields.keyModels(body, teams.apply(team).orElse(null));
        ApiKeys.NewKey spec = new ApiKeys.NewKey(team, name, feature, models, expiresAt(body), rateLimits(body));
        ApiKeys.Created created = keys.create(spec, (connection, before, after) ->
                AuditTrail.record(connection, actor, "key.create", after.team(), after.id(), null,
                        ApiKeyViews.of(after)));
        return withSecret(created);
    }

    /** @param team only this team's keys, or null for every key */
    public List<Map<String, Object>> list(String team) {
        return keys.list(team).stream().map(ApiKeyViews::of).toList();
    }

    /**
     * {@code {"models"?, "expires_at"?, "requests_per_minute"?, "tokens_per_minute"?}}: a field given replaces the
     * key's value, null clears it (its team's models, no expiry, {@code limits.perKey}), one left out is kept. A value
     * equal to the key's is no change, and is taken as it is (an expiry gone by, a model its team no longer has); a
     * change that changes nothing is not audited.
     */
    public Map<String, Object> update(String id, JsonNode body, String actor) {
        KnownFields.refuseOthers(body, CHANGEABLE, "a field of a key that can be changed");
        ApiKey key = find(id);
        Optional<TeamSettings> team = teams.apply(key.team());
        ApiKey updated = keys.update(key.id(), current -> current.withSettings(
                body.has(MODELS) && !sameModels(body.get(MODELS), current.models())
                        ? fields.keyModels(body, team.orElse(null)) : current.models(),
                body.has(EXPIRES_AT) && !sameInstant(body.get(EXPIRES_AT), current.expiresAt())
                        ? expiresAt(body) : current.expiresAt(),
                new KeyRateLimits(
                        body.has(REQUESTS_PER_MINUTE) ? limit(body, REQUESTS_PER_MINUTE)
                                : current.rateLimits().requestsPerMinute(),
                        body.has(TOKENS_PER_MINUTE) ? limit(body, TOKENS_PER_MINUTE)
                                : current.rateLimits().tokensPerMinute())),
                (connection, before, after) -> AuditTrail.record(connection, actor, "key.update", after.team(),
                        after.id(), ApiKeyViews.of(before), ApiKeyViews.of(after))).orElseThrow(() -> revoked(key));
        return ApiKeyViews.of(updated);
    }

    private static boolean sameModels(JsonNode given, List<String> current) {
        return current == null ? given.isNull() : given.equals(Json.MAPPER.valueToTree(current));
    }

    private static boolean sameInstant(JsonNode given, Instant current) {
        if (current == null || given.isNull()) {
            return current == null && given.isNull();
        }
        try {
            return given.isTextual() && Instant.parse(given.textValue()).equals(current);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** @return the key with its new secret in {@code key}; the old one works for the grace period */
    public Map<String, Object> rotate(String id, Duration grace, String actor) {
        ApiKey key = find(id);
        ApiKeys.Created rotated = keys.rotate(key.id(), grace, (connection, before, after) -> AuditTrail.record(
                connection, actor, "key.rotate", after.team(), after.id(), ApiKeyViews.of(before),
                ApiKeyViews.of(after))).orElseThrow(() -> revoked(key));
        return withSecret(rotated);
    }

    /** @return the revoked key; revoking twice keeps the first time */
    public Map<String, Object> revoke(String id, String actor) {
        return ApiKeyViews.of(keys.revoke(id, (connection, before, after) -> AuditTrail.record(connection, actor,
                "key.revoke", after.team(), after.id(), ApiKeyViews.of(before), ApiKeyViews.of(after)))
                .orElseThrow(() -> notFound(id)));
    }

    private ApiKey find(String id) {
        return keys.find(id).orElseThrow(() -> notFound(id));
    }

    private static GatewayException notFound(String id) {
        String shown = id.length() > 64 ? id.substring(0, 64) + "..." : id;
        return new GatewayException(404, "invalid_request_error", "key_not_found", "There is no API key with id '"
                + shown + "'. GET /admin/keys lists them.");
    }

    private static GatewayException revoked(ApiKey key) {
        return new GatewayException(409, "invalid_request_error", "key_revoked", "The API key " + key.id()
                + " is revoked; create a new key instead.");
    }

    private static Map<String, Object> withSecret(ApiKeys.Created created) {
        Map<String, Object> view = new LinkedHashMap<>(ApiKeyViews.of(created.key()));
        view.put("key", created.secret());
        return view;
    }

    private static KeyRateLimits rateLimits(JsonNode body) {
        return new KeyRateLimits(limit(body, REQUESTS_PER_MINUTE), limit(body, TOKENS_PER_MINUTE));
    }

    private static Integer limit(JsonNode body, String field) {
        return JsonFields.optionalPositiveInt(body, field);
    }

    private static Instant expiresAt(JsonNode body) {
        String value = JsonFields.optionalString(body, EXPIRES_AT);
        if (value == null) {
            return null;
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalidRequest("invalid_value", "'expires_at' must be a UTC instant such as "
                    + "2027-01-31T00:00:00Z.");
        }
        if (!expiresAt.isAfter(Instant.now())) {
            throw GatewayException.invalidRequest("invalid_value", "'expires_at' (" + expiresAt + ") is not in the "
                    + "future.");
        }
        return expiresAt;
    }

    private static String validName(String value, String field) {
        if (!Names.valid(value)) {
            throw GatewayException.invalidRequest("invalid_" + field, "'" + field + "' must be " + Names.rule() + ".");
        }
        return value;
    }
}
