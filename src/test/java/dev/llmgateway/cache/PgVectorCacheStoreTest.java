package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PgVectorCacheStoreTest extends CacheStoreContract {

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
        HikariConfig config = new HikariConfig();
        config.setDataSource(database.dataSource());
        config.setConnectionInitSql("SET enable_sort = off");
        config.setMaximumPoolSize(2);
        try (HikariDataSource noSorting = new HikariDataSource(config)) {
            assertThat(smallPartitionBehindALargeOne(new PgVectorCacheStore(noSorting)))
                    .extracting(SemanticCandidate::queryText).containsExactly("small one", "small two");
            assertThat(plan(noSorting)).contains("semantic_cache_entry_hnsw_384");
        }
    }

    private static String plan(DataSource dataSource) throws SQLException {
        String vector = "'[" + "0.05,".repeat(DIMENSIONS - 1) + "0.05]'::vector(" + DIMENSIONS + ")";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("EXPLAIN SELECT id FROM semantic_cache_entry WHERE dimensions = "
                     + DIMENSIONS + " AND partition_key = 'small' AND expires_at > now() ORDER BY embedding::vector("
                     + DIMENSIONS + ") <=> " + vector + " LIMIT 5")) {
            StringBuilder plan = new StringBuilder();
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
            return plan.toString();
        }
    }

    @Override
    CacheStore store() {
        return new PgVectorCacheStore(database.dataSource());
    }

    @Override
    CacheStore reopen() {
        return new PgVectorCacheStore(database.dataSource());
    }
}
