package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.testing.ServiceBound;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ServiceBound
class PgVectorCacheStoreTest extends CacheStoreContract {

    private static final int DEFAULT_EF_SEARCH = CacheSettings.defaults().postgresql().efSearch();
    private static PostgresTestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = PostgresTestDatabase.create("llmgw_cache_test");
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.truncate("semantic_cache_entry");
    }

    /**
     * With sorting priced out, PostgreSQL must answer through the HNSW index, which ranks all partitions together:
     * the small partition's entries come after the large one's, beyond what one HNSW scan returns.
     */
    @Test
    void theHnswIndexFindsASmallPartitionBehindALargeOne() throws SQLException {
        try (HikariDataSource noSorting = noSorting()) {
            assertThat(smallPartitionBehindALargeOne(new PgVectorCacheStore(noSorting, DEFAULT_EF_SEARCH)))
                    .extracting(SemanticCandidate::queryText).containsExactly("small one", "small two");
            assertThat(plan(noSorting)).contains("semantic_cache_entry_hnsw_384");
        }
    }

    /**
     * Uniformly random vectors have no neighbourhoods for a graph to follow: a search that keeps one candidate often
     * stops short of the nearest entry, one that keeps 200 of 2,000 entries nearly never does.
     */
    @Test
    void efSearchSetsHowManyCandidatesASearchKeeps() {
        List<float[]> stored = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            stored.add(randomUnit());
            store().put(entry("p", "h" + i, "entry " + i, stored.get(i), "a", Instant.now().plusSeconds(600)));
        }
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queries.add(randomUnit());
        }
        try (HikariDataSource noSorting = noSorting()) {
            double narrow = recallAtOne(new PgVectorCacheStore(noSorting, 1), stored, queries);
            double wide = recallAtOne(new PgVectorCacheStore(noSorting, 200), stored, queries);

            assertThat(wide).isGreaterThan(0.95);
            assertThat(narrow).isLessThan(wide - 0.2);
        }
    }

    private static double recallAtOne(CacheStore store, List<float[]> stored, List<float[]> queries) {
        int found = 0;
        for (float[] query : queries) {
            List<SemanticCandidate> nearest = store.findSimilar("p", query, -1, 1, Instant.now());
            found += nearest.get(0).queryText().equals("entry " + exactNearest(stored, query)) ? 1 : 0;
        }
        return (double) found / queries.size();
    }

    private static int exactNearest(List<float[]> stored, float[] query) {
        int best = 0;
        for (int i = 1; i < stored.size(); i++) {
            if (Vectors.dot(stored.get(i), query) > Vectors.dot(stored.get(best), query)) {
                best = i;
            }
        }
        return best;
    }

    /** A pool on which PostgreSQL answers nearest-neighbour queries through the HNSW index even on a small table. */
    private static HikariDataSource noSorting() {
        HikariConfig config = new HikariConfig();
        config.setDataSource(database.dataSource());
        config.setConnectionInitSql("SET enable_sort = off");
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    /** How PostgreSQL runs the store's nearest-neighbour query. */
    private static String plan(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement(
                     "EXPLAIN " + PgVectorCacheStore.nearestQuery(DIMENSIONS))) {
            explain.setObject(1, new PGvector(new float[DIMENSIONS]));
            explain.setString(2, "small");
            explain.setObject(3, EntryRows.timestamp(Instant.now()));
            explain.setInt(4, 5);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    @Override
    CacheStore store() {
        return new PgVectorCacheStore(database.dataSource(), DEFAULT_EF_SEARCH);
    }

    @Override
    CacheStore reopen() {
        return new PgVectorCacheStore(database.dataSource(), DEFAULT_EF_SEARCH);
    }
}
