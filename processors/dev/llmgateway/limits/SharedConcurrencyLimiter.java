package dev.llmgateway.limits;

import dev.llmgateway.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Calls in flight counted in PostgreSQL, shared by every instance on the database: each call holds a lease row.
 * Acquiring takes a transaction-scoped advisory lock on the scope, so two instances never both take the last slot.
 * A lease expires after the longest a call can last, so slots held by an instance that died come back.
 */
public final class SharedConcurrencyLimiter implements ConcurrencyLimiter {

    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration leaseTtl;

    /** @param leaseTtl how long a lease lasts when its call never gives it back: longer than any call can take */
    public SharedConcurrencyLimiter(DataSource dataSource, Clock clock, Duration leaseTtl) {
        this.jdbc = new Jdbc(dataSource, "concurrency limiter");
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    @Override
    public Optional<Slot> tryAcquire(String scopeKey, int limit) {
        String leaseId = UUID.randomUUID().toString();
        boolean acquired = jdbc.inTransaction(connection -> acquire(connection, scopeKey, limit, leaseId, clock.instant()));
        return acquired ? Optional.of(slot(leaseId)) : Optional.empty();
    }

    private boolean acquire(Connection connection, String scopeKey, int limit, String leaseId, Instant now)
            throws SQLException {
        try (PreparedStatement lock = Jdbc.prepare(connection,
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "concurrency/" + scopeKey)) {
            lock.executeQuery().close();
        }
        try (PreparedStatement expired = Jdbc.prepare(connection,
                "DELETE FROM concurrency_leases WHERE scope = ? AND expires_at < ?", scopeKey, Timestamp.from(now))) {
            expired.executeUpdate();
        }
        try (PreparedStatement count = Jdbc.prepare(connection,
                "SELECT COUNT(*) FROM concurrency_leases WHERE scope = ?", scopeKey);
             ResultSet rows = count.executeQuery()) {
            rows.next();
            if (rows.getLong(1) >= limit) {
                return false;
            }
        }
        try (PreparedStatement insert = Jdbc.prepare(connection,
                "INSERT INTO concurrency_leases (lease_id, scope, expires_at) VALUES (?, ?, ?)",
                leaseId, scopeKey, Timestamp.from(now.plus(leaseTtl)))) {
            insert.executeUpdate();
        }
        return true;
    }

    private Slot slot(String leaseId) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                jdbc.update("DELETE FROM concurrency_leases WHERE lease_id = ?", leaseId);
            }
        };
    }

    @Override
    public boolean inMemory() {
        return false;
    }
}
