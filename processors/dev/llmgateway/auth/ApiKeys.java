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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The API key store, in the gateway's database. Every check reads the database, so a key revoked through any
 * instance stops working on all of them at once.
 */
public final class ApiKeys {

    private static final String COLUMNS = "id, key_prefix, team, name, default_feature, created_at, revoked_at, models";

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
        return create(team, name, defaultFeature, null, ChangeRecorder.NONE);
    }

    /** @param models the model aliases the key may call, or null for whatever its team may */
    public Created create(String team, String name, String defaultFeature, List<String> models,
                          ChangeRecorder recorder) {
        String secret = ApiKeySecrets.newKey();
        ApiKey key = jdbc.inTransaction(connection -> {
            ApiKey created = insert(connection, ApiKeySecrets.hash(secret), ApiKeySecrets.displayPrefix(secret), team,
                    name, defaultFeature, models);
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
        jdbc.inTransaction(connection -> insert(connection, hash, prefix, team, name, defaultFeature, null));
        return true;
    }

    private static ApiKey insert(Connection connection, String hash, String prefix, String team, String name,
                                 String defaultFeature, List<String> models) throws SQLException {
        ApiKey key = new ApiKey(ApiKeySecrets.newKeyId(), prefix, team, name, defaultFeature, Instant.now(), null,
                models);
        try (PreparedStatement statement = Jdbc.prepare(connection, "INSERT INTO api_keys (id, key_hash, key_prefix, "
                        + "team, name, default_feature, created_at, models) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                key.id(), hash, prefix, team, name, defaultFeature, Timestamp.from(key.createdAt()), json(models))) {
            statement.executeUpdate();
        }
        return key;
    }

    /** @return the key with this hash if it exists and is not revoked */
    public Optional<ApiKey> findActive(String hash) {
        return findByHash(hash).filter(key -> !key.revoked());
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
                revoked == null ? null : revoked.toInstant(), models(row.getString("models")));
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
