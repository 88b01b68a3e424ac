package dev.llmgateway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.llmgateway.chat.Json;
import dev.llmgateway.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The API key store, in the gateway's database. Every check reads the database, so a key revoked through any
 * instance stops working on all of them at once.
 */
public final class ApiKeys {

    private static final String COLUMNS = "id, key_prefix, team, name, default_feature, created_at, revoked_at, "
            + "models, expires_at, previous_valid_until, requests_per_minute, tokens_per_minute";

    private static final TypeReference<List<String>> MODELS = new TypeReference<>() {
    };

    private final Jdbc jdbc;

    public ApiKeys(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "API key store");
    }

    /** A key just made: the stored record and the key itself, which is never available again. */
    public record Created(ApiKey key, String secret) {
    }

    /** Told of a change to a key within the change's transaction (the audit trail): what it throws undoes both. */
    @FunctionalInterface
    public interface ChangeRecorder {
        ChangeRecorder NONE = (connection, before, after) -> { };

        void record(Connection connection, ApiKey before, ApiKey after) throws SQLException;
    }

    public Created create(String team, String name, String defaultFeature) {
        return create(new NewKey(team, name, defaultFeature, null, null, KeyRateLimits.none()), ChangeRecorder.NONE);
    }

    /**
     * What a new key is.
     *
     * @param models     the model aliases the key may call, or null for whatever its team may
     * @param expiresAt  when the key stops working, or null for never
     * @param rateLimits the key's own rate limits
     */
    public record NewKey(String team, String name, String defaultFeature, List<String> models, Instant expiresAt,
                         KeyRateLimits rateLimits) {
    }

    public Created create(NewKey spec, ChangeRecorder recorder) {
        String secret = ApiKeySecrets.newKey();
        ApiKey key = jdbc.inTransaction(connection -> {
            ApiKey created = insert(connection, ApiKeySecrets.hash(secret), ApiKeySecrets.displayPrefix(secret), spec);
            recorder.record(connection, null, created);
            return created;
        });
        return new Created(key, secret);
    }

    /** Stores a key given in the configuration unless its hash is already known (revoked keys stay revoked). */
    public boolean seed(String configuredKey, String team, String name, String defaultFeature) {
        String hash = ApiKeySecrets.hashOfConfigured(configuredKey);
        if (findByHash(hash).isPresent()) {
            return false;
        }
        String prefix = ApiKeySecrets.isHashed(configuredKey) ? "(configured)" : ApiKeySecrets.displayPrefix(configuredKey);
        jdbc.inTransaction(connection -> insert(connection, hash, prefix,
                new NewKey(team, name, defaultFeature, null, null, KeyRateLimits.none())));
        return true;
    }

    private static ApiKey insert(Connection connection, String hash, String prefix, NewKey spec) throws SQLException {
        ApiKey key = new ApiKey(ApiKeySecrets.newKeyId(), prefix, spec.team(), spec.name(), spec.defaultFeature(),
                Instant.now(), null, spec.models(), spec.expiresAt(), null, spec.rateLimits());
        try (PreparedStatement statement = Jdbc.prepare(connection, "INSERT INTO api_keys (id, key_hash, key_prefix, "
                        + "team, name, default_feature, created_at, models, expires_at, requests_per_minute, "
                        + "tokens_per_minute) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", key.id(), hash, prefix,
                key.team(), key.name(), key.defaultFeature(), Timestamp.from(key.createdAt()), json(key.models()),
                timestamp(key.expiresAt()), key.rateLimits().requestsPerMinute(),
                key.rateLimits().tokensPerMinute())) {
            statement.executeUpdate();
        }
        return key;
    }

    /** @return the key with this hash if it exists and is not revoked */
    public Optional<ApiKey> findActive(String hash) {
        return findByHash(hash).filter(key -> !key.revoked());
    }

    /** A key found by a secret presented to the gateway: its current one, or the one it had before its rotation. */
    public record Match(ApiKey key, boolean previousSecret) {
    }

    /** @return the key, revoked and expired ones too, whose current or previous secret has this hash */
    public Optional<Match> findByPresented(String hash) {
        Optional<ApiKey> current = findByHash(hash);
        if (current.isPresent()) {
            return Optional.of(new Match(current.get(), false));
        }
        return query("SELECT " + COLUMNS + " FROM api_keys WHERE previous_key_hash = ?", hash).stream().findFirst()
                .map(key -> new Match(key, true));
    }

    /**
     * Gives a key a new secret; the one it had keeps working for the grace period, the one before that stops at once.
     *
     * @return the key with its new secret, or empty when there is no such key or it is revoked
     */
    public Optional<Created> rotate(String id, Duration grace, ChangeRecorder recorder) {
        String secret = ApiKeySecrets.newKey();
        return jdbc.inTransaction(connection -> {
            Optional<ApiKey> before = find(connection, id);
            try (PreparedStatement statement = Jdbc.prepare(connection, "UPDATE api_keys SET previous_key_hash = "
                    + "key_hash, previous_valid_until = ?, key_hash = ?, key_prefix = ? WHERE id = ? "
                    + "AND revoked_at IS NULL", Timestamp.from(Instant.now().plus(grace)), ApiKeySecrets.hash(secret),
                    ApiKeySecrets.displayPrefix(secret), id)) {
                if (statement.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            ApiKey after = find(connection, id).orElseThrow();
            recorder.record(connection, before.orElseThrow(), after);
            return Optional.of(new Created(after, secret));
        });
    }

    /**
     * Changes a key's models, expiry and own rate limits, its row locked while it is read and changed; a change that
     * leaves the key as it was writes nothing and tells the recorder nothing.
     *
     * @param change the key as it is to be, from the key as it is (only its models, expiry and rate limits are
     *               stored); what it throws rolls the change back
     * @return the key as it is now, or empty when there is no such key or it is revoked
     */
    public Optional<ApiKey> update(String id, UnaryOperator<ApiKey> change, ChangeRecorder recorder) {
        return jdbc.inTransaction(connection -> {
            Optional<ApiKey> current = lock(connection, id);
            if (current.isEmpty() || current.get().revoked()) {
                return Optional.empty();
            }
            ApiKey before = current.get();
            ApiKey wanted = change.apply(before);
            if (before.sameSettings(wanted)) {
                return current;
            }
            try (PreparedStatement statement = Jdbc.prepare(connection, "UPDATE api_keys SET models = ?, "
                    + "expires_at = ?, requests_per_minute = ?, tokens_per_minute = ? WHERE id = ?",
                    json(wanted.models()), timestamp(wanted.expiresAt()), wanted.rateLimits().requestsPerMinute(),
                    wanted.rateLimits().tokensPerMinute(), id)) {
                statement.executeUpdate();
            }
            ApiKey after = find(connection, id).orElseThrow();
            recorder.record(connection, before, after);
            return Optional.of(after);
        });
    }

    private static Optional<ApiKey> lock(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(connection, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ? "
                + "FOR UPDATE", id); ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(row(row)) : Optional.empty();
        }
    }

    private Optional<ApiKey> findByHash(String hash) {
        List<ApiKey> found = query("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?", hash);
        return found.stream().findFirst();
    }

    public Optional<ApiKey> find(String id) {
        return query("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?", id).stream().findFirst();
    }

    /** @param team only this team's keys, or null for all */
    public List<ApiKey> list(String team) {
        return team == null
                ? query("SELECT " + COLUMNS + " FROM api_keys ORDER BY team, created_at")
                : query("SELECT " + COLUMNS + " FROM api_keys WHERE team = ? ORDER BY created_at", team);
    }

    public boolean isEmpty() {
        return query("SELECT " + COLUMNS + " FROM api_keys FETCH FIRST 1 ROWS ONLY").isEmpty();
    }

    /** @return the revoked key, or empty when no key has this id; revoking twice keeps the first time */
    public Optional<ApiKey> revoke(String id) {
        return revoke(id, ChangeRecorder.NONE);
    }

    /** @param recorder told of the revocation (not of a key revoked before) */
    public Optional<ApiKey> revoke(String id, ChangeRecorder recorder) {
        return jdbc.inTransaction(connection -> {
            Optional<ApiKey> before = find(connection, id);
            try (PreparedStatement statement = Jdbc.prepare(connection, "UPDATE api_keys SET revoked_at = ? "
                    + "WHERE id = ? AND revoked_at IS NULL", Timestamp.from(Instant.now()), id)) {
                if (statement.executeUpdate() == 0) {
                    return before;
                }
            }
            Optional<ApiKey> after = find(connection, id);
            recorder.record(connection, before.orElseThrow(), after.orElseThrow());
            return after;
        });
    }

    private static Optional<ApiKey> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(connection, "SELECT " + COLUMNS + " FROM api_keys WHERE id = ?",
                id); ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(row(row)) : Optional.empty();
        }
    }

    private List<ApiKey> query(String sql, Object... parameters) {
        return jdbc.query(sql, ApiKeys::row, parameters);
    }

    private static ApiKey row(ResultSet row) throws SQLException {
        Timestamp revoked = row.getTimestamp("revoked_at");
        return new ApiKey(row.getString("id"), row.getString("key_prefix"), row.getString("team"),
                row.getString("name"), row.getString("default_feature"), row.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant(), models(row.getString("models")),
                instant(row.getTimestamp("expires_at")), instant(row.getTimestamp("previous_valid_until")),
                new KeyRateLimits(integer(row, "requests_per_minute"), integer(row, "tokens_per_minute")));
    }

    private static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String json(List<String> models) {
        try {
            return models == null ? null : Json.MAPPER.writeValueAsString(models);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a key's models cannot be written as JSON", e);
        }
    }

    private static List<String> models(String json) throws SQLException {
        try {
            return json == null ? null : Json.MAPPER.readValue(json, MODELS);
        } catch (JsonProcessingException e) {
            throw new SQLException("a key's stored models cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
