package dev.llmgateway.cache;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Cache entries in PostgreSQL with pgvector: an HNSW index (cosine) per vector size, searched within one partition.
 * The schema is the Flyway migration {@code dev/llmgateway/db/migration/postgresql/V40__semantic_cache.sql}. Shared by
 * every gateway instance that uses the database.
 */
public class PgVectorCacheStore implements CacheStore {

    private final DataSource dataSource;
    private final int efSearch;

    /**
     * @param dataSource a PostgreSQL database migrated with the gateway's Flyway migrations
     * @param efSearch   candidates an HNSW search keeps (pgvector's {@code hnsw.ef_search}, 1 to 1000, as
     *                   {@link CacheSettings.Postgresql} checks): fewer is faster and finds the nearest entry a little
     *                   less often
     */
    public PgVectorCacheStore(DataSource dataSource, int efSearch) {
        this.dataSource = dataSource;
        this.efSearch = efSearch;
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
                return row.next() ? Optional.of(EntryRows.answer(row, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CacheStoreException("exact lookup failed", e);
        }
    }

    /** One probe of the (partition, exact hash) index: far cheaper than embedding the query. */
    @Override
    public boolean mayHaveSimilar(String partition, Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM semantic_cache_entry "
                     + "WHERE partition_key = ? AND embedding IS NOT NULL AND expires_at > ? LIMIT 1")) {
            statement.setString(1, partition);
            statement.setObject(2, EntryRows.timestamp(now));
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new CacheStoreException("checking the partition for entries failed", e);
        }
    }

    @Override
    public List<SemanticCandidate> findSimilar(String partition, float[] vector, double minSimilarity, int limit,
                                               Instant now) {
        // Without iterative scans an HNSW scan returns ef_search rows before the partition filter, which can leave
        // none for a small partition in a large table; SET LOCAL in the same statement batch holds for this query only.
        String sql = "SET LOCAL hnsw.ef_search = " + efSearch + "; SET LOCAL hnsw.iterative_scan = strict_order; "
                + nearestQuery(vector.length);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, new PGvector(vector));
            statement.setString(2, partition);
            statement.setObject(3, EntryRows.timestamp(now));
            statement.setInt(4, limit);
            boolean isResultSet = statement.execute();
            while (!isResultSet && statement.getUpdateCount() != -1) {
                isResultSet = statement.getMoreResults();
            }
            List<SemanticCandidate> candidates = new ArrayList<>();
            try (ResultSet row = statement.getResultSet()) {
                while (row.next()) {
                    double similarity = 1 - row.getDouble(2);
                    if (similarity >= minSimilarity) {
                        candidates.add(new SemanticCandidate(row.getString(1), new PGvector(row.getString(3)).toArray(),
                                similarity, EntryRows.answer(row, 4)));
                    }
                }
            }
            return candidates;
        } catch (SQLException e) {
            throw new CacheStoreException("nearest-neighbour lookup failed", e);
        }
    }

    /**
     * The nearest entries of one partition to a query vector ({@code ?} 1), nearest first, with their cosine distance:
     * parameters partition, now and limit. The partial HNSW index for a vector size is only used when the size is a
     * literal in the statement.
     */
    static String nearestQuery(int dimensions) {
        String typed = "::vector(" + dimensions + ")";
        return "SELECT query_text, embedding" + typed + " <=> ?" + typed + " AS distance, embedding, "
                + EntryRows.ANSWER_COLUMNS
                + " FROM semantic_cache_entry WHERE dimensions = " + dimensions
                + " AND partition_key = ? AND expires_at > ? ORDER BY distance LIMIT ?";
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
