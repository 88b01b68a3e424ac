package dev.llmgateway.cache;

import dev.llmgateway.chat.CacheHit;

/**
 * How a lookup ended.
 *
 * @param answer     the cached answer on a hit, null on a miss
 * @param kind       how it matched, null on a miss
 * @param similarity cosine similarity of the match (1 for exact), 0 on a miss
 * @param vector     on a miss, the query's embedding when it was computed, so storing the answer need not embed again
 * @param storable   on a miss, whether the answer may be stored: not when the query could not be read within its
 *                   inspection budget, so a text that cannot be compared never becomes a candidate
 */
public record LookupResult(CachedAnswer answer, CacheHit.Kind kind, double similarity, float[] vector, boolean storable) {

    static LookupResult exact(CachedAnswer answer) {
        return new LookupResult(answer, CacheHit.Kind.EXACT, 1, null, false);
    }

    static LookupResult semantic(CachedAnswer answer, double similarity) {
        return new LookupResult(answer, CacheHit.Kind.SEMANTIC, similarity, null, false);
    }

    static LookupResult miss(float[] vector) {
        return new LookupResult(null, null, 0, vector, true);
    }

    /** A miss whose query could not be read within its inspection budget: the answer is not stored. */
    static LookupResult uninspectable() {
        return new LookupResult(null, null, 0, null, false);
    }

    public boolean hit() {
        return answer != null;
    }
}
