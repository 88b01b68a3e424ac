package dev.llmgateway.auth;

import dev.llmgateway.store.Jdbc;
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

    private static final String COLUMNS = "id, key_prefix, team, name, default_feature, created_at, revoked_at";

    private final Jdbc jdbc;

    public ApiKeys(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "API key store");
    }

    /** A key just made: the stored record and the key itself, which is never available again. */
    public record Created(ApiKey key, String secret) {
    }

    public Created create(String team, String name, String defaultFeature) {
        String secret = ApiKeySecrets.newKey();
        ApiKey key = insert(ApiKeySecrets.hash(secret), ApiKeySecrets.displayPrefix(secret), team, name, defaultFeature);
        return new Created(key, secret);
    }

    /** Stores a key given in the configuration unless its hash is already known (revoked keys stay revoked). */
    public boolean seed(String configuredKey, String team, String name, String defaultFeature) {
        String hash = ApiKeySecrets.hashOfConfigured(configuredKey);
        if (findByHash(hash).isPresent()) {
            return false;
        }
        String prefix = ApiKeySecrets.isHashed(configuredKey) ? "(configured)" : ApiKeySecrets.displayPrefix(configuredKey);
        insert(hash, prefix, team, name, defaultFeature);
        return true;
    }

    private ApiKey insert(String hash, String prefix, String team, String name, String defaultFeature) {
        ApiKey key = new ApiKey(ApiKeySecrets.newKeyId(), prefix, team, name, defaultFeature, Instant.now(), null);
        update("INSERT INTO api_keys (id, key_hash, key_prefix, team, name, default_feature, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                key.id(), hash, prefix, team, name, defaultFeature, Timestamp.from(key.createdAt()));
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
        update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", Timestamp.from(Instant.now()), id);
        return find(id);
    }

    private void update(String sql, Object... parameters) {
        jdbc.update(sql, parameters);
    }

    private List<ApiKey> query(String sql, Object... parameters) {
        return jdbc.query(sql, ApiKeys::row, parameters);
    }

    private static ApiKey row(ResultSet row) throws SQLException {
        Timestamp revoked = row.getTimestamp("revoked_at");
        return new ApiKey(row.getString("id"), row.getString("key_prefix"), row.getString("team"),
                row.getString("name"), row.getString("default_feature"), row.getTimestamp("created_at").toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
