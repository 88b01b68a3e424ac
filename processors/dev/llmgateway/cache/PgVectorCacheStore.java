package dev.llmgateway.cache;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Cache entries in PostgreSQL with pgvector: an HNSW index (cosine) per vector size, searched within one partition.
 * The schema is the Flyway migration {@code db/migration/postgresql/V40__semantic_cache.sql}. Shared by every gateway
 * instance that uses the database.
 */
public class PgVectorCacheStore implements CacheStore {

    private final DataSource dataSource;

    /** @param dataSource a PostgreSQL database migrated with the gateway's Flyway migrations */
    public PgVectorCacheStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<CachedAnswer> findExact(String partition, String exactHash, Instant now) {
        String sql = "SELECT " + EntryRows.ANSWER_COLUMNS + " FROM semantic_cache_entry"
                + " WHERE partition_key = ? AND exact_hash = ? AND expires_at > ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, partition);
            statement.setString(2, exactHash);
            statement.setObject(3, EntryRows.timestamp(now));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(EntryRows.answer(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CacheStoreException("exact lookup failed", e);
        }
    }

    @Override
    public List<SemanticCandidate> findNearest(String partition, float[] vector, int limit, Instant now) {
        // The partial HNSW index for this size is only used when the size is a literal in the statement.
        String typed = "::vector(" + vector.length + ")";
        String sql = "SELECT id, query_text, 1 - (embedding" + typed + " <=> ?" + typed + ") FROM semantic_cache_entry"
                + " WHERE dimensions = " + vector.length + " AND partition_key = ? AND expires_at > ?"
                + " ORDER BY embedding" + typed + " <=> ?" + typed + " LIMIT ?";
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                List<SemanticCandidate> candidates = nearest(connection, sql, new PGvector(vector), partition, limit, now);
                connection.commit();
                return candidates;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new CacheStoreException("nearest-neighbour lookup failed", e);
        }
    }

    private static List<SemanticCandidate> nearest(Connection connection, String sql, PGvector query, String partition,
                                                   int limit, Instant now) throws SQLException {
        try (Statement settings = connection.createStatement();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            // Without iterative scans an HNSW scan returns ef_search rows before the partition filter, which can
            // leave none for a small partition in a large table.
            settings.execute("SET LOCAL hnsw.iterative_scan = strict_order");
            statement.setObject(1, query);
            statement.setString(2, partition);
            statement.setObject(3, EntryRows.timestamp(now));
            statement.setObject(4, query);
            statement.setInt(5, limit);
            List<SemanticCandidate> candidates = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    candidates.add(new SemanticCandidate(row.getLong(1), row.getString(2), row.getDouble(3)));
                }
            }
            return candidates;
        }
    }

    @Override
    public Optional<CachedAnswer> answer(long id, Instant now) {
        String sql = "SELECT " + EntryRows.ANSWER_COLUMNS + " FROM semantic_cache_entry WHERE id = ? AND expires_at > ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.setObject(2, EntryRows.timestamp(now));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(EntryRows.answer(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CacheStoreException("answer lookup failed", e);
        }
    }

    @Override
    public void put(CacheEntry entry) {
        String sql = "INSERT INTO semantic_cache_entry (" + EntryRows.INSERT_COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (partition_key, exact_hash) DO UPDATE SET query_text = EXCLUDED.query_text,"
                + " dimensions = EXCLUDED.dimensions, embedding = EXCLUDED.embedding, answer = EXCLUDED.answer,"
                + " stop_reason = EXCLUDED.stop_reason, input_tokens = EXCLUDED.input_tokens,"
                + " output_tokens = EXCLUDED.output_tokens, model_id = EXCLUDED.model_id,"
                + " created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            EntryRows.bind(statement, entry);
            if (entry.vector() == null) {
                statement.setNull(EntryRows.VECTOR_PARAMETER, Types.OTHER);
            } else {
                statement.setObject(EntryRows.VECTOR_PARAMETER, new PGvector(entry.vector()));
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new CacheStoreException("storing an entry failed", e);
        }
    }

    @Override
    public int purgeExpired(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "DELETE FROM semantic_cache_entry WHERE expires_at <= ?")) {
            statement.setObject(1, EntryRows.timestamp(now));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new CacheStoreException("purging expired entries failed", e);
        }
    }
}
