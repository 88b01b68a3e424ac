package dev.llmgateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.llmgateway.chat.Json;
import dev.llmgateway.record.TimeOrderedIds;
import dev.llmgateway.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The audit trail of admin changes, in the gateway's database. An entry is written in the transaction of the change
 * it describes, so there is no change without its entry and no entry for a change that was rolled back.
 */
public final class AuditTrail {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final Jdbc jdbc;

    public AuditTrail(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "audit trail");
    }

    /** Writes an entry within the caller's transaction. */
    public static void record(Connection connection, String actor, String action, String team, String target,
                              Map<String, Object> before, Map<String, Object> after) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(connection, "INSERT INTO admin_audit (id, changed_at, actor, "
                        + "action, team, target, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                TimeOrderedIds.uuid(), Timestamp.from(Instant.now()), actor, action, team, target, json(before),
                json(after))) {
            statement.executeUpdate();
        }
    }

    /**
     * @param team  only this team's entries, or null for all
     * @param from  only entries at or after this instant, or null
     * @param to    only entries before this instant, or null
     * @param limit at most this many, the newest first
     */
    public List<AuditEntry> list(String team, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, changed_at, actor, action, team, target, before_json, "
                + "after_json FROM admin_audit WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (team != null) {
            sql.append(" AND team = ?");
            parameters.add(team);
        }
        if (from != null) {
            sql.append(" AND changed_at >= ?");
            parameters.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND changed_at < ?");
            parameters.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY changed_at DESC, id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), AuditTrail::entry, parameters.toArray());
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(row.getString("id"), row.getTimestamp("changed_at").toInstant(), row.getString("actor"),
                row.getString("action"), row.getString("team"), row.getString("target"),
                object(row.getString("before_json")), object(row.getString("after_json")));
    }

    private static String json(Map<String, Object> value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit entry's object cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> object(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new SQLException("an audit entry's stored JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
