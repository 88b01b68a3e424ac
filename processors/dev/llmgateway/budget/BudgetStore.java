package dev.llmgateway.budget;

import dev.llmgateway.store.Jdbc;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Monthly budgets in the gateway's database, so they hold across instances and restarts. A call reserves its
 * worst-case cost from each of its budgets in one transaction, by an UPDATE that only succeeds while spent plus
 * reserved plus the call's amount stays within the limit; once the call is over its reservation is settled to
 * what it really cost. Reservations of an instance that died expire and are given back by {@link #releaseExpired()}.
 */
public final class BudgetStore {

    private static final int SWEEP_BATCH = 500;

    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration reservationTtl;

    /** A call's hold on its budgets. */
    public record Reservation(String id, String month, List<BudgetScope> scopes, BigDecimal amountUsd) {
    }

    /** What a budget has spent and has reserved by calls in flight this month. */
    public record Spending(BigDecimal spentUsd, BigDecimal reservedUsd) {
    }

    /** @param reservationTtl how long a reservation lasts when its call never settles it: longer than any call */
    public BudgetStore(DataSource dataSource, Clock clock, Duration reservationTtl) {
        this.jdbc = new Jdbc(dataSource, "budget store");
        this.clock = clock;
        this.reservationTtl = reservationTtl;
    }

    /**
     * @param scopes the budgets the call counts against (its team's, its feature's), each checked in this order
     * @throws BudgetExceededException naming the first budget the amount does not fit in; nothing is reserved then
     */
    public Reservation reserve(List<BudgetScope> scopes, BigDecimal amountUsd) {
        BudgetMonth month = BudgetMonth.of(clock);
        Reservation reservation = new Reservation(UUID.randomUUID().toString(), month.key(), List.copyOf(scopes),
                amountUsd);
        Timestamp expiresAt = Timestamp.from(clock.instant().plus(reservationTtl));
        return jdbc.inTransaction(connection -> {
            for (BudgetScope scope : scopes) {
                ensureRow(connection, scope, month.key());
                if (!take(connection, scope, month.key(), amountUsd)) {
                    Spending spending = read(connection, scope, month.key()).orElseThrow();
                    throw new BudgetExceededException(scope, spending.spentUsd(), spending.reservedUsd(), amountUsd,
                            month.resetsAt());
                }
                update(connection, "INSERT INTO budget_reservations (id, team, feature, budget_month, amount_usd, "
                        + "expires_at) VALUES (?, ?, ?, ?, ?, ?)", reservation.id(), scope.team(), scope.featureKey(),
                        month.key(), amountUsd, expiresAt);
            }
            return reservation;
        });
    }

    /** Moves the reservation out of each budget's reserved amount and adds what the call really cost to its spent. */
    public void settle(Reservation reservation, BigDecimal costUsd) {
        jdbc.inTransaction(connection -> {
            for (BudgetScope scope : reservation.scopes()) {
                boolean stillReserved = update(connection, "DELETE FROM budget_reservations WHERE id = ? AND feature = ?",
                        reservation.id(), scope.featureKey()) == 1;
                BigDecimal released = stillReserved ? reservation.amountUsd() : BigDecimal.ZERO;
                update(connection, "UPDATE budget_spend SET reserved_usd = reserved_usd - ?, spent_usd = spent_usd + ? "
                                + "WHERE team = ? AND feature = ? AND budget_month = ?",
                        released, costUsd, scope.team(), scope.featureKey(), reservation.month());
            }
            return null;
        });
    }

    /** Gives back reservations whose calls never settled them (their instance died). @return how many */
    public int releaseExpired() {
        List<Expired> expired = jdbc.query("SELECT id, team, feature, budget_month, amount_usd FROM budget_reservations "
                        + "WHERE expires_at < ? ORDER BY expires_at FETCH FIRST " + SWEEP_BATCH + " ROWS ONLY",
                row -> new Expired(row.getString("id"), row.getString("team"), row.getString("feature"),
                        row.getString("budget_month"), row.getBigDecimal("amount_usd")),
                Timestamp.from(clock.instant()));
        int released = 0;
        for (Expired reservation : expired) {
            released += jdbc.inTransaction(connection -> release(connection, reservation));
        }
        return released;
    }

    private record Expired(String id, String team, String feature, String month, BigDecimal amountUsd) {
    }

    private static int release(Connection connection, Expired reservation) throws SQLException {
        if (update(connection, "DELETE FROM budget_reservations WHERE id = ? AND feature = ?", reservation.id(),
                reservation.feature()) == 0) {
            return 0;
        }
        update(connection, "UPDATE budget_spend SET reserved_usd = reserved_usd - ? "
                        + "WHERE team = ? AND feature = ? AND budget_month = ?",
                reservation.amountUsd(), reservation.team(), reservation.feature(), reservation.month());
        return 1;
    }

    /** @return this month's key, as budgets count it: "2026-12" */
    public String month() {
        return BudgetMonth.of(clock).key();
    }

    /** @return what a budget has spent and reserved this month (nothing yet: empty) */
    public Optional<Spending> spending(BudgetScope scope) {
        return spending(scope, BudgetMonth.of(clock).key());
    }

    /** @return what a budget has spent and reserved in a month (nothing: empty) */
    Optional<Spending> spending(BudgetScope scope, String month) {
        return jdbc.query("SELECT spent_usd, reserved_usd FROM budget_spend WHERE team = ? AND feature = ? "
                        + "AND budget_month = ?", BudgetStore::spendingOf, scope.team(), scope.featureKey(), month)
                .stream().findFirst();
    }

    /** @return whether this call claimed the alert of a budget, month and threshold (false: claimed before) */
    boolean claimAlert(BudgetScope scope, String month, int threshold) {
        return jdbc.update("INSERT INTO budget_alerts (team, feature, budget_month, threshold, raised_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", scope.team(), scope.featureKey(), month, threshold,
                Timestamp.from(clock.instant())) == 1;
    }

    private static void ensureRow(Connection connection, BudgetScope scope, String month) throws SQLException {
        update(connection, "INSERT INTO budget_spend (team, feature, budget_month) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", scope.team(), scope.featureKey(), month);
    }

    /** The one statement that decides: it reserves only while the budget has room, atomically on either database. */
    private static boolean take(Connection connection, BudgetScope scope, String month, BigDecimal amountUsd)
            throws SQLException {
        return update(connection, "UPDATE budget_spend SET reserved_usd = reserved_usd + ? "
                        + "WHERE team = ? AND feature = ? AND budget_month = ? AND spent_usd + reserved_usd + ? <= ?",
                amountUsd, scope.team(), scope.featureKey(), month, amountUsd, scope.limitUsd()) == 1;
    }

    private static Optional<Spending> read(Connection connection, BudgetScope scope, String month) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(connection, "SELECT spent_usd, reserved_usd FROM budget_spend "
                + "WHERE team = ? AND feature = ? AND budget_month = ?", scope.team(), scope.featureKey(), month);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(spendingOf(rows)) : Optional.empty();
        }
    }

    private static Spending spendingOf(ResultSet row) throws SQLException {
        return new Spending(row.getBigDecimal("spent_usd"), row.getBigDecimal("reserved_usd"));
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = Jdbc.prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }
}
