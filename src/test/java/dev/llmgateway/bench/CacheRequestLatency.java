package dev.llmgateway.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.llmgateway.cache.CacheEntry;
import dev.llmgateway.cache.CacheKey;
import dev.llmgateway.cache.CacheSettings;
import dev.llmgateway.cache.CachedAnswer;
import dev.llmgateway.cache.EmbeddedCacheDatabase;
import dev.llmgateway.cache.EmbeddedCacheStore;
import dev.llmgateway.cache.LocalMiniLmEmbedder;
import dev.llmgateway.cache.LookupResult;
import dev.llmgateway.cache.SemanticCache;
import dev.llmgateway.chat.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * What the semantic cache costs one request, through {@link SemanticCache#lookup} as the gateway calls it (exact
 * lookup, reading the query's facts, embedding, nearest entries, near-miss guard, on the cache's lookup thread): in a
 * partition holding nothing (the embedding is skipped), a miss in a partition of 1,000 entries, and a semantic hit
 * there that the guard checked. The default threshold, no time budget; the local embedder and the embedded store.
 */
final class CacheRequestLatency {

    private static final int ENTRIES = 1000;
    private static final int WARMUP = 200;
    private static final int LOOKUPS = 2000;
    private static final String FILLED = "filled";
    private static final String[] TOPICS = {"password", "invoice", "router", "budget", "dashboard", "backup", "laptop",
        "subscription", "container", "database"};
    private static final String[] ASKS = {"How do I reset the %s %d?", "What is the status of the %s %d?",
        "Where can I find the %s %d?", "Why does the %s %d fail?"};

    private CacheRequestLatency() {
    }

    static void run() throws Exception {
        Path directory = Files.createTempDirectory("cache-request-bench");
        HikariDataSource database = EmbeddedCacheDatabase.open(directory);
        LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder();
        EmbeddedCacheStore store = new EmbeddedCacheStore(database, directory.resolve("graphs"));
        // A budget no lookup reaches, so that the figures are the lookup's work and not the budget's cut.
        CacheSettings unbounded = new CacheSettings(null, null, null, null, null, null, null, null, null, null, null,
                null, 60_000L, null, null, null, null, null);
        SemanticCache cache = new SemanticCache(store, embedder, unbounded, Clock.systemUTC());
        try {
            Instant now = Instant.now();
            CachedAnswer answer = new CachedAnswer("an answer", "end_turn", new Usage(10, 20), "model");
            for (int i = 0; i < ENTRIES; i++) {
                String question = question(i);
                store.put(new CacheEntry(new CacheKey(FILLED, "stored " + i, question), embedder.embed(question),
                        answer, now, now.plusSeconds(86_400)));
            }
            double threshold = CacheSettings.defaults().threshold();
            System.out.printf("%nsemantic cache per request (SemanticCache.lookup, %d lookups each after %d warm-up)%n",
                    LOOKUPS, WARMUP);
            System.out.printf("%-44s %13s %13s %9s%n", "case", "p50 ms", "p99 ms", "hits");
            measure(cache, threshold, "empty partition (embedding skipped)",
                    i -> new CacheKey("empty " + i, "asked " + i, question(i)));
            measure(cache, threshold, "miss in a partition of " + ENTRIES,
                    i -> new CacheKey(FILLED, "asked " + i, "Which " + TOPICS[i % TOPICS.length] + " plan suits team "
                            + (ENTRIES + i) + " in the evening?"));
            measure(cache, threshold, "semantic hit in a partition of " + ENTRIES,
                    i -> new CacheKey(FILLED, "asked " + i, question(i % ENTRIES).replace("How do I", "How can I")
                            .replace("What is", "What's").replace("Where can I", "Where do I")));
        } finally {
            cache.close();
            database.close();
        }
    }

    private static void measure(SemanticCache cache, double threshold, String name, IntFunction<CacheKey> keys) {
        for (int i = 0; i < WARMUP; i++) {
            cache.lookup(keys.apply(LOOKUPS + i), threshold, null);
        }
        Histogram histogram = new Histogram(3);
        int hits = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            CacheKey key = keys.apply(i);
            long started = System.nanoTime();
            LookupResult result = cache.lookup(key, threshold, null);
            histogram.recordValue((System.nanoTime() - started) / 1000);
            hits += result.hit() ? 1 : 0;
        }
        System.out.printf("%-44s %13.2f %13.2f %9d%n", name, histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, hits);
    }

    private static String question(int i) {
        return String.format(ASKS[i % ASKS.length], TOPICS[(i / ASKS.length) % TOPICS.length], i);
    }
}
