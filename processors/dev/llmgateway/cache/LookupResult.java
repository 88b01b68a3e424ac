package dev.llmgateway.cache;

import dev.llmgateway.chat.CacheHit;

/**
 * How a lookup ended.
 *
 * @param answer     the cached answer on a hit, null on a miss
 * @param kind       how it matched, null on a miss
 * @param similarity cosine similarity of the match (1 for exact), 0 on a miss
 * @param vector     on a miss, the query's embedding when it was computed, so storing the answer need not embed again
 */
public record LookupResult(CachedAnswer answer, CacheHit.Kind kind, double similarity, float[] vector) {

    static LookupResult exact(CachedAnswer answer) {
        return new LookupResult(answer, CacheHit.Kind.EXACT, 1, null);
    }

    static LookupResult semantic(CachedAnswer answer, double similarity) {
        return new LookupResult(answer, CacheHit.Kind.SEMANTIC, similarity, null);
    }

    static LookupResult miss(float[] vector) {
        return new LookupResult(null, null, 0, vector);
    }

    public boolean hit() {
        return answer != null;
    }
}
