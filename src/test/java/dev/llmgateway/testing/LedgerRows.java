package dev.llmgateway.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The rows of the cost ledger table, as a test compares them with the requests it sent. */
public final class LedgerRows {

    /** What a test checks of one row. */
    public record Row(String requestId, int status, String outcome, boolean streamed, long inputTokens,
                      long outputTokens) {
    }

    private LedgerRows() {
    }

    public static List<Row> read(DataSource database) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT request_id, status, outcome, streamed, input_tokens, "
                     + "output_tokens FROM call_ledger")) {
            List<Row> read = new ArrayList<>();
            while (rows.next()) {
                read.add(new Row(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getBoolean(4),
                        rows.getLong(5), rows.getLong(6)));
            }
            return read;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read call_ledger: " + e.getMessage(), e);
        }
    }

    /** @return how many rows each request id has */
    public static Map<String, Long> countsByRequestId(DataSource database) {
        return read(database).stream().collect(Collectors.groupingBy(Row::requestId, Collectors.counting()));
    }

    /** @return the rows by request id; fails if a request id has more than one row */
    public static Map<String, Row> byRequestId(DataSource database) {
        return read(database).stream().collect(Collectors.toMap(Row::requestId, Function.identity()));
    }
}
