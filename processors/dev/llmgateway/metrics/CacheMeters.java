package dev.llmgateway.metrics;

import dev.llmgateway.cache.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * What the semantic cache did inside, read from its {@link CacheStats} at each scrape: lookups that became misses
 * because the embedder or store failed or the time budget ran out, candidates the near-miss guard refused, requests
 * that bypassed the cache, and its background stores and purges. Hits and misses per call are {@link CallMetrics}'.
 */
public final class CacheMeters {

    private CacheMeters() {
    }

    public static void register(MeterRegistry registry, CacheStats stats) {
        counter(registry, stats, "llmgateway.cache.errors", CacheStats::errors,
                "Embedder or store failures in cache lookups (each a miss), stores and purges");
        counter(registry, stats, "llmgateway.cache.timeouts", CacheStats::timeouts,
                "Cache lookups over their time budget, each served as a miss");
        counter(registry, stats, "llmgateway.cache.near.misses.refused", CacheStats::nearMissesRefused,
                "Similar cached entries the near-miss guard refused to serve");
        counter(registry, stats, "llmgateway.cache.queries.embedded", CacheStats::queriesEmbedded,
                "Queries embedded for a semantic lookup on the request path");
        counter(registry, stats, "llmgateway.cache.semantic.lookups.skipped", CacheStats::semanticLookupsSkipped,
                "Semantic lookups skipped, query not embedded, because the partition held no entry to compare with");
        counter(registry, stats, "llmgateway.cache.bypasses", CacheStats::bypasses,
                "Requests that did not use the cache (no-store, no-cache, temperature, flagged prompt)");
        counter(registry, stats, "llmgateway.cache.stored", CacheStats::stored, "Answers stored in the cache");
        counter(registry, stats, "llmgateway.cache.stores.dropped", CacheStats::storesDropped,
                "Answers not stored because the store queue was full");
        counter(registry, stats, "llmgateway.cache.purged", CacheStats::purged, "Expired cache entries deleted");
    }

    private static void counter(MeterRegistry registry, CacheStats stats, String name, ToDoubleFunction<CacheStats> count,
                                String description) {
        FunctionCounter.builder(name, stats, count).description(description).register(registry);
    }
}
