package dev.llmgateway.teams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.llmgateway.audit.AuditTrail;
import dev.llmgateway.auth.AdminCredentials;
import dev.llmgateway.chat.Json;
import dev.llmgateway.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The teams in the gateway's database. Every change is one transaction with its audit entry; a team's row is locked
 * while it is read and changed, so two admins changing one team on two instances do not lose either change.
 */
public final class TeamStore {

    /** Reads amounts as decimals, as they were written, not through a double. */
    private static final ObjectReader STORED = Json.MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Jdbc jdbc;

    public TeamStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "team store");
    }

    /** A team and when it was created and last changed. */
    public record StoredTeam(TeamSettings settings, Instant createdAt, Instant updatedAt) {
    }

    /** What the seed did with a team the configuration names. */
    public enum Seeded { CREATED, KEPT, DELETED_BEFORE }

    /** @return every team that is not deleted, by name */
    public Map<String, StoredTeam> live() {
        Map<String, StoredTeam> teams = new LinkedHashMap<>();
        jdbc.query("SELECT team, settings, created_at, updated_at FROM teams WHERE deleted_at IS NULL ORDER BY team",
                TeamStore::stored).forEach(team -> teams.put(team.settings().team(), team));
        return teams;
    }

    public Optional<StoredTeam> find(String team) {
        return jdbc.query("SELECT team, settings, created_at, updated_at FROM teams WHERE team = ? "
                + "AND deleted_at IS NULL", TeamStore::stored, team).stream().findFirst();
    }

    /** @return whether the team was deleted (and not created again) */
    public boolean deleted(String team) {
        return !jdbc.query("SELECT team FROM teams WHERE team = ? AND deleted_at IS NOT NULL", row -> row.getString(1),
                team).isEmpty();
    }

    /** @return a value that changes whenever any team is created, changed or deleted, on any instance */
    public String fingerprint() {
        return jdbc.query("SELECT COUNT(*), COALESCE(SUM(version), 0) FROM teams",
                row -> row.getLong(1) + "/" + row.getLong(2)).get(0);
    }

    /** @return the created team, or empty when a team of that name exists (a deleted one is created anew) */
    public Optional<StoredTeam> create(TeamSettings team, String actor) {
        return jdbc.inTransaction(connection -> {
            Instant now = Instant.now();
            boolean inserted = update(connection, "INSERT INTO teams (team, settings, version, created_at, updated_at) "
                    + "VALUES (?, ?, 1, ?, ?) ON CONFLICT DO NOTHING", team.team(), json(team), Timestamp.from(now),
                    Timestamp.from(now)) == 1;
            if (!inserted && update(connection, "UPDATE teams SET settings = ?, version = version + 1, created_at = ?, "
                    + "updated_at = ?, deleted_at = NULL WHERE team = ? AND deleted_at IS NOT NULL", json(team),
                    Timestamp.from(now), Timestamp.from(now), team.team()) == 0) {
                return Optional.empty();
            }
            AuditTrail.record(connection, actor, "team.create", team.team(), team.team(), null, TeamViews.of(team));
            return Optional.of(new StoredTeam(team, now, now));
        });
    }

    /**
     * @param change the new settings from the current ones; what it throws rolls the change back
     * @return the changed team, or empty when there is no such team; a change that leaves the settings as they were
     *         writes nothing (no audit entry, no new version for the other instances to read)
     */
    public Optional<StoredTeam> update(String team, UnaryOperator<TeamSettings> change, String actor) {
        return jdbc.inTransaction(connection -> {
            Optional<StoredTeam> current = lock(connection, team);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            TeamSettings before = current.get().settings();
            TeamSettings after = change.apply(before);
            if (after.equals(before)) {
                return current;
            }
            Instant now = Instant.now();
            update(connection, "UPDATE teams SET settings = ?, version = version + 1, updated_at = ? WHERE team = ?",
                    json(after), Timestamp.from(now), team);
            AuditTrail.record(connection, actor, "team.update", team, team, TeamViews.of(before), TeamViews.of(after));
            return Optional.of(new StoredTeam(after, current.get().createdAt(), now));
        });
    }

    /**
     * Deletes a team and revokes its keys, at once.
     *
     * @return the deleted team and the ids of the keys revoked, or empty when there is no such team
     */
    public Optional<Deleted> delete(String team, String actor) {
        return jdbc.inTransaction(connection -> {
            Optional<StoredTeam> current = lock(connection, team);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            List<String> keys = activeKeys(connection, team);
            Timestamp now = Timestamp.from(Instant.now());
            update(connection, "UPDATE api_keys SET revoked_at = ? WHERE team = ? AND revoked_at IS NULL", now, team);
            update(connection, "UPDATE teams SET version = version + 1, updated_at = ?, deleted_at = ? WHERE team = ?",
                    now, now, team);
            Map<String, Object> before = TeamViews.of(current.get().settings());
            before.put("active_keys", keys);
            AuditTrail.record(connection, actor, "team.delete", team, team, before, null);
            return Optional.of(new Deleted(current.get(), keys));
        });
    }

    /** A deleted team and the keys its deletion revoked. */
    public record Deleted(StoredTeam team, List<String> revokedKeys) {
    }

    /**
     * Stores a team the configuration names unless the database has a row for it already: a stored team keeps its
     * settings (changes made at run time win), and a team deleted at run time stays deleted.
     */
    public Seeded seed(TeamSettings team) {
        return jdbc.inTransaction(connection -> {
            Instant now = Instant.now();
            if (update(connection, "INSERT INTO teams (team, settings, version, created_at, updated_at) "
                    + "VALUES (?, ?, 1, ?, ?) ON CONFLICT DO NOTHING", team.team(), json(team), Timestamp.from(now),
                    Timestamp.from(now)) == 1) {
                AuditTrail.record(connection, AdminCredentials.CONFIGURATION, "team.create", team.team(), team.team(), null,
                        TeamViews.of(team));
                return Seeded.CREATED;
            }
            try (PreparedStatement statement = Jdbc.prepare(connection,
                    "SELECT deleted_at FROM teams WHERE team = ?", team.team());
                 ResultSet row = statement.executeQuery()) {
                return row.next() && row.getTimestamp(1) != null ? Seeded.DELETED_BEFORE : Seeded.KEPT;
            }
        });
    }

    private static Optional<StoredTeam> lock(Connection connection, String team) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(connection, "SELECT team, settings, created_at, updated_at "
                + "FROM teams WHERE team = ? AND deleted_at IS NULL FOR UPDATE", team);
             ResultSet row = statement.executeQuery()) {
            return row.next() ? Optional.of(stored(row)) : Optional.empty();
        }
    }

    private static List<String> activeKeys(Connection connection, String team) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(connection,
                "SELECT id FROM api_keys WHERE team = ? AND revoked_at IS NULL ORDER BY created_at", team);
             ResultSet rows = statement.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private static StoredTeam stored(ResultSet row) throws SQLException {
        TeamSettings settings;
        try {
            settings = TeamFields.stored().create(STORED.readTree(row.getString("settings")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new SQLException("the stored settings of team '" + row.getString("team") + "' cannot be read: "
                    + e.getMessage(), e);
        }
        return new StoredTeam(settings, row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private static String json(TeamSettings team) {
        try {
            return Json.MAPPER.writeValueAsString(TeamViews.of(team));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a team's settings cannot be written as JSON", e);
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }
}
