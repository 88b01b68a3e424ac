package dev.llmgateway.budget;

import dev.llmgateway.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Budget alerts waiting to reach the webhook, in the gateway's database, so that every instance on it, and an instance
 * started again, can retry them. A row is sent only by the instance whose claim on it took.
 */
public final class AlertDeliveries {

    /**
     * @param id       the delivery's id
     * @param body     the JSON to POST
     * @param attempts the attempts made so far
     */
    public record Pending(String id, byte[] body, int attempts) {
    }

    private final Jdbc jdbc;

    public AlertDeliveries(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "budget alert deliveries");
    }

    /** Stores an alert to deliver, due at once. */
    public void add(String id, byte[] body, Instant now) {
        jdbc.update("INSERT INTO budget_alert_deliveries (id, body, attempts, next_attempt_at) VALUES (?, ?, 0, ?)",
                id, new String(body, StandardCharsets.UTF_8), Timestamp.from(now));
    }

    /** @return up to {@code max} deliveries due at {@code now} that no instance holds a claim on, the oldest first */
    public List<Pending> due(Instant now, int max) {
        Timestamp at = Timestamp.from(now);
        return jdbc.query("SELECT id, body, attempts FROM budget_alert_deliveries WHERE next_attempt_at <= ? AND "
                + "(claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at FETCH FIRST " + max
                + " ROWS ONLY", row -> new Pending(row.getString("id"),
                row.getString("body").getBytes(StandardCharsets.UTF_8), row.getInt("attempts")), at, at);
    }

    /** @return whether this instance now holds the delivery until {@code until} (false: another one took it first) */
    public boolean claim(String id, Instant now, Instant until) {
        Timestamp at = Timestamp.from(now);
        return jdbc.update("UPDATE budget_alert_deliveries SET claimed_until = ? WHERE id = ? AND next_attempt_at <= ? "
                + "AND (claimed_until IS NULL OR claimed_until < ?)", Timestamp.from(until), id, at, at) == 1;
    }

    /** The delivery is over: delivered, or given up. */
    public void remove(String id) {
        jdbc.update("DELETE FROM budget_alert_deliveries WHERE id = ?", id);
    }

    /** An attempt failed: the next one is due at {@code next}, by whichever instance claims it. */
    public void retryAt(String id, int attempts, Instant next) {
        jdbc.update("UPDATE budget_alert_deliveries SET attempts = ?, next_attempt_at = ?, claimed_until = NULL "
                + "WHERE id = ?", attempts, Timestamp.from(next), id);
    }
}
