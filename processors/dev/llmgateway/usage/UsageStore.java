package dev.llmgateway.usage;

import dev.llmgateway.store.Jdbc;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Adds up the cost ledger for usage reports, in SQL both storage modes run. */
public final class UsageStore {

    private static final String FIGURES = "COUNT(*) AS requests, "
            + "COALESCE(SUM(input_tokens), 0) AS input_tokens, "
            + "COALESCE(SUM(output_tokens), 0) AS output_tokens, "
            + "COALESCE(SUM(cache_read_tokens), 0) AS cache_read_tokens, "
            + "COALESCE(SUM(cache_write_tokens), 0) AS cache_write_tokens, "
            + "COALESCE(SUM(cost_usd), 0) AS cost_usd, "
            + "COALESCE(SUM(CASE WHEN cache_hit IS NULL THEN 0 ELSE 1 END), 0) AS cache_hits, "
            + "COALESCE(SUM(saved_cost_usd), 0) AS saved_cost_usd, "
            + "COALESCE(SUM(CASE WHEN outcome = 'ok' THEN 0 ELSE 1 END), 0) AS errors, "
            + "COALESCE(SUM(CASE WHEN status = 429 THEN 1 ELSE 0 END), 0) AS throttles";

    private final Jdbc jdbc;

    public UsageStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "usage report");
    }

    public UsageReport report(UsageQuery query) {
        String columns = query.groupBy().stream().map(UsageDimension::column).collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("SELECT ").append(columns.isEmpty() ? "" : columns + ", ")
                .append(FIGURES).append(" FROM call_ledger WHERE received_at >= ? AND received_at < ?");
        List<Object> parameters = new ArrayList<>(List.of(query.from().atOffset(ZoneOffset.UTC),
                query.to().atOffset(ZoneOffset.UTC)));
        if (query.team() != null) {
            sql.append(" AND team = ?");
            parameters.add(query.team());
        }
        if (query.feature() != null) {
            sql.append(" AND feature = ?");
            parameters.add(query.feature());
        }
        if (!columns.isEmpty()) {
            sql.append(" GROUP BY ").append(columns).append(" ORDER BY ").append(columns);
        }
        List<UsageReport.Row> rows = jdbc.query(sql.toString(), row -> row(row, query.groupBy()), parameters.toArray());
        UsageFigures totals = rows.stream().map(UsageReport.Row::figures).reduce(UsageFigures.NONE, UsageFigures::plus);
        return new UsageReport(query, totals, rows);
    }

    private static UsageReport.Row row(ResultSet row, List<UsageDimension> dimensions) throws SQLException {
        Map<UsageDimension, String> keys = new LinkedHashMap<>();
        for (UsageDimension dimension : dimensions) {
            Object value = dimension == UsageDimension.DAY ? row.getObject(dimension.column(), LocalDate.class)
                    : row.getString(dimension.column());
            keys.put(dimension, value == null ? null : value.toString());
        }
        return new UsageReport.Row(keys, new UsageFigures(row.getLong("requests"), row.getLong("input_tokens"),
                row.getLong("output_tokens"), row.getLong("cache_read_tokens"), row.getLong("cache_write_tokens"),
                dollars(row.getBigDecimal("cost_usd")), row.getLong("cache_hits"),
                dollars(row.getBigDecimal("saved_cost_usd")), row.getLong("errors"), row.getLong("throttles")));
    }

    /** Sums come back with the column's twelve decimals; reports show the digits that mean something. */
    private static BigDecimal dollars(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
