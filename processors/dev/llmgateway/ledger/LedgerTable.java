package dev.llmgateway.ledger;

import dev.llmgateway.record.CallRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * The call_ledger table. Inserts are idempotent (an entry id already stored is skipped), and every value is made to
 * fit its column, so no record can be refused for its content and hold up the ones behind it.
 */
final class LedgerTable {

    private static final String INSERT = "INSERT INTO call_ledger (entry_id, request_id, received_at, received_day, "
            + "route, team, feature, key_id, model_alias, model_id, region, template, streamed, input_tokens, "
            + "output_tokens, cache_read_tokens, cache_write_tokens, cost_usd, cache_hit, saved_cost_usd, latency_ms, "
            + "time_to_first_token_ms, status, outcome, fallback_from) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";
    private static final int DOLLAR_SCALE = 12;

    private final DataSource dataSource;

    LedgerTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the entries in one transaction; @return how many were new */
    int insert(List<LedgerEntry> entries) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                for (LedgerEntry entry : entries) {
                    bind(statement, entry);
                    statement.addBatch();
                }
                int inserted = 0;
                for (int count : statement.executeBatch()) {
                    inserted += Math.max(count, 0);
                }
                connection.commit();
                return inserted;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void bind(PreparedStatement statement, LedgerEntry entry) throws SQLException {
        CallRecord r = entry.record();
        var receivedAt = r.receivedAt().atOffset(ZoneOffset.UTC);
        int i = 0;
        statement.setString(++i, entry.entryId());
        text(statement, ++i, r.requestId(), 128);
        statement.setObject(++i, receivedAt);
        statement.setObject(++i, receivedAt.toLocalDate());
        text(statement, ++i, r.route(), 64);
        text(statement, ++i, r.team(), 64);
        text(statement, ++i, r.feature(), 64);
        text(statement, ++i, r.keyId(), 40);
        text(statement, ++i, r.modelAlias(), 128);
        text(statement, ++i, r.modelId(), 256);
        text(statement, ++i, r.region(), 32);
        text(statement, ++i, r.template(), 128);
        statement.setBoolean(++i, r.streamed());
        statement.setLong(++i, r.inputTokens());
        statement.setLong(++i, r.outputTokens());
        statement.setLong(++i, r.cacheReadTokens());
        statement.setLong(++i, r.cacheWriteTokens());
        statement.setBigDecimal(++i, dollars(r.costUsd()));
        text(statement, ++i, r.cacheHit(), 16);
        statement.setBigDecimal(++i, dollars(r.savedCostUsd()));
        statement.setLong(++i, r.latencyMs());
        statement.setLong(++i, r.timeToFirstTokenMs());
        statement.setInt(++i, r.status());
        text(statement, ++i, r.outcome(), 64);
        text(statement, ++i, r.fallbackFrom(), 128);
    }

    private static void text(PreparedStatement statement, int index, String value, int maxLength) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value.length() <= maxLength ? value : value.substring(0, maxLength));
        }
    }

    private static BigDecimal dollars(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount.setScale(DOLLAR_SCALE, RoundingMode.HALF_EVEN);
    }
}
