package dev.llmgateway.cache;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.chat.Usage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * The semantic cache as the gateway runs it by default (the local embedder and its intent projection, the embedded
 * store, the near-miss guard), with a lookup budget no loaded machine exceeds, in a test's directory.
 */
final class LocalSemanticCache implements AutoCloseable {

    private final HikariDataSource database;
    private final EmbeddedCacheStore store;
    private final LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder();
    private final SemanticCache cache;

    LocalSemanticCache(Path directory) {
        this(directory, null);
    }

    /** @param intentThreshold the cache's {@code intentThreshold} setting (null: the projection's own) */
    LocalSemanticCache(Path directory, Double intentThreshold) {
        database = EmbeddedCacheDatabase.open(directory);
        store = new EmbeddedCacheStore(database, directory.resolve("graphs"));
        CacheSettings generousBudget = new CacheSettings(null, null, null, null, null, null, null, null, null, null,
                null, null, 60_000L, null, null, null, null, intentThreshold);
        cache = new SemanticCache(store, embedder, generousBudget, Clock.systemUTC());
    }

    /** Stores an answer to the cached query alone in the partition, then looks the query up there. */
    LookupResult lookUp(String partition, String cached, String query, double threshold) {
        Instant now = Instant.now();
        store.put(new CacheEntry(new CacheKey(partition, "cached", cached), embedder.embed(cached),
                new CachedAnswer("answer to: " + cached, "end_turn", new Usage(10, 20), "model"),
                now, now.plusSeconds(3600)));
        return cache.lookup(new CacheKey(partition, "query", query), threshold, null);
    }

    CacheStats stats() {
        return cache.stats();
    }

    LocalMiniLmEmbedder embedder() {
        return embedder;
    }

    @Override
    public void close() {
        cache.close();
        database.close();
    }
}
