package dev.llmgateway.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.llmgateway.chat.Json;
import dev.llmgateway.store.Jdbc;
import dev.llmgateway.store.StorageException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Responses kept per team in the gateway's database (table stored_responses) for their retention time. Expired rows
 * are never read; a save sweeps them, at most once a minute per instance.
 */
public final class ResponseStore {

    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final Jdbc jdbc;
    private final Duration retention;
    private final Clock clock;
    private final AtomicLong nextSweepMillis = new AtomicLong();

    public ResponseStore(DataSource dataSource, Duration retention, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "Response store");
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * A response and the input items it answered.
     *
     * @param conversation the input items, stored conversation first
     * @param response     the response object as the client got it
     */
    public record Stored(ArrayNode conversation, JsonNode response) {

        /** The conversation a follow-up continues: this response's input items, then its output items. */
        ArrayNode followedBy() {
            ArrayNode items = conversation.deepCopy();
            response.path("output").forEach(items::add);
            return items;
        }
    }

    void save(String team, String id, ArrayNode conversation, Map<String, Object> response) {
        Instant now = clock.instant();
        sweepExpired(now);
        jdbc.update("INSERT INTO stored_responses (id, team, created_at, expires_at, conversation, response) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", id, team, Timestamp.from(now),
                Timestamp.from(now.plus(retention)), conversation.toString(),
                new String(Json.bytes(response), StandardCharsets.UTF_8));
    }

    /** @return the team's response of this id, unless it is another team's, expired or deleted */
    Optional<Stored> find(String team, String id) {
        List<Stored> rows = jdbc.query("SELECT conversation, response FROM stored_responses "
                        + "WHERE id = ? AND team = ? AND expires_at > ?",
                row -> new Stored((ArrayNode) parse(row.getString("conversation")), parse(row.getString("response"))),
                id, team, Timestamp.from(clock.instant()));
        return rows.stream().findFirst();
    }

    /** @return whether the team had a response of this id to delete */
    boolean delete(String team, String id) {
        return jdbc.update("DELETE FROM stored_responses WHERE id = ? AND team = ? AND expires_at > ?", id, team,
                Timestamp.from(clock.instant())) > 0;
    }

    private void sweepExpired(Instant now) {
        long due = nextSweepMillis.get();
        if (now.toEpochMilli() < due
                || !nextSweepMillis.compareAndSet(due, now.plus(SWEEP_INTERVAL).toEpochMilli())) {
            return;
        }
        jdbc.update("DELETE FROM stored_responses WHERE expires_at <= ?", Timestamp.from(now));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StorageException("Response store: a stored response is not JSON", e);
        }
    }
}
