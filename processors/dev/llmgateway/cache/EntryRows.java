package dev.llmgateway.cache;

import dev.llmgateway.chat.Usage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The columns of semantic_cache_entry both SQL stores share. */
final class EntryRows {

    /** Columns an answer is read from, in the order {@link #answer} expects. */
    static final String ANSWER_COLUMNS = "answer, stop_reason, input_tokens, output_tokens, model_id";
    static final int ANSWER_COLUMN_COUNT = 5;
    /** Columns an entry is written to, in the order {@link #bind} fills them; the vector is the 5th. */
    static final String INSERT_COLUMNS = "partition_key, exact_hash, query_text, dimensions, embedding, answer, stop_reason,"
            + " input_tokens, output_tokens, model_id, created_at, expires_at";
    static final int VECTOR_PARAMETER = 5;

    private EntryRows() {
    }

    /** Reads {@link #ANSWER_COLUMNS} from the row, the first of them at column {@code first}. */
    static CachedAnswer answer(ResultSet row, int first) throws SQLException {
        return new CachedAnswer(row.getString(first), row.getString(first + 1),
                new Usage(row.getInt(first + 2), row.getInt(first + 3)), row.getString(first + 4));
    }

    /** Fills every parameter of an insert over {@link #INSERT_COLUMNS} except the vector, which is store-specific. */
    static void bind(PreparedStatement statement, CacheEntry entry) throws SQLException {
        statement.setString(1, entry.key().partition());
        statement.setString(2, entry.key().exactHash());
        statement.setString(3, entry.vector() == null ? null : entry.key().semanticText());
        if (entry.vector() == null) {
            statement.setNull(4, Types.INTEGER);
        } else {
            statement.setInt(4, entry.vector().length);
        }
        statement.setString(6, entry.answer().text());
        statement.setString(7, entry.answer().stopReason());
        statement.setInt(8, entry.answer().usage().inputTokens());
        statement.setInt(9, entry.answer().usage().outputTokens());
        statement.setString(10, entry.answer().modelId());
        statement.setObject(11, timestamp(entry.createdAt()));
        statement.setObject(12, timestamp(entry.expiresAt()));
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
