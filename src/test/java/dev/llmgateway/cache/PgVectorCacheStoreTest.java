package dev.llmgateway.cache;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

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

    @Override
    CacheStore store() {
        return new PgVectorCacheStore(database.dataSource());
    }

    @Override
    CacheStore reopen() {
        return new PgVectorCacheStore(database.dataSource());
    }
}
