package dev.llmgateway.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what the cache did since start, for metrics. Every lookup ends in exactly one of hit, miss or bypass. */
public final class CacheStats {

    private final LongAdder exactHits = new LongAdder();
    private final LongAdder semanticHits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder bypasses = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder nearMissesRefused = new LongAdder();
    private final LongAdder queriesEmbedded = new LongAdder();
    private final LongAdder semanticLookupsSkipped = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder storesDropped = new LongAdder();
    private final LongAdder purged = new LongAdder();

    void recordExactHit() {
        exactHits.increment();
    }

    void recordSemanticHit() {
        semanticHits.increment();
    }

    void recordMiss() {
        misses.increment();
    }

    void recordBypass() {
        bypasses.increment();
    }

    /** A lookup over its time budget (or refused because lookups were backed up): also counted as a miss. */
    void recordTimeout() {
        timeouts.increment();
    }

    /** A failure of the embedder or the store, in a lookup, store or purge; a failed lookup is also a miss. */
    void recordError() {
        errors.increment();
    }

    /** A candidate above the threshold that the near-miss guard refused. */
    void recordNearMissRefused() {
        nearMissesRefused.increment();
    }

    /** A query embedded for a semantic lookup, on the request's path. */
    void recordQueryEmbedded() {
        queriesEmbedded.increment();
    }

    /** A semantic lookup not made (nor its query embedded) because the partition held nothing to compare with. */
    void recordSemanticLookupSkipped() {
        semanticLookupsSkipped.increment();
    }

    void recordStored() {
        stored.increment();
    }

    /** An answer not stored because the store queue was full. */
    void recordStoreDropped() {
        storesDropped.increment();
    }

    void recordPurged(int count) {
        purged.add(count);
    }

    public long exactHits() {
        return exactHits.sum();
    }

    public long semanticHits() {
        return semanticHits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public long bypasses() {
        return bypasses.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long nearMissesRefused() {
        return nearMissesRefused.sum();
    }

    public long queriesEmbedded() {
        return queriesEmbedded.sum();
    }

    public long semanticLookupsSkipped() {
        return semanticLookupsSkipped.sum();
    }

    public long stored() {
        return stored.sum();
    }

    public long storesDropped() {
        return storesDropped.sum();
    }

    public long purged() {
        return purged.sum();
    }

    /** @return every counter by name, for a metrics exporter */
    public Map<String, Long> snapshot() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("hits.exact", exactHits());
        counters.put("hits.semantic", semanticHits());
        counters.put("misses", misses());
        counters.put("bypasses", bypasses());
        counters.put("timeouts", timeouts());
        counters.put("errors", errors());
        counters.put("near_misses_refused", nearMissesRefused());
        counters.put("queries_embedded", queriesEmbedded());
        counters.put("semantic_lookups_skipped", semanticLookupsSkipped());
        counters.put("stored", stored());
        counters.put("stores_dropped", storesDropped());
        counters.put("purged", purged());
        return counters;
    }
}
