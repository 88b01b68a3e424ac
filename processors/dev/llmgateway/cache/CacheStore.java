package dev.llmgateway.cache;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where cache entries live. Implementations never return an entry whose expiry has passed, and take their
 * database in the constructor (whoever opened the database closes it). Methods may throw; the cache turns any
 * failure into a miss.
 */
public interface CacheStore {

    /** @return the live answer stored for exactly this request in this partition */
    Optional<CachedAnswer> findExact(String partition, String exactHash, Instant now);

    /**
     * @return among the {@code limit} live entries of the partition nearest to the unit vector, those at least
     *         {@code minSimilarity} (cosine) similar, most similar first
     */
    List<SemanticCandidate> findSimilar(String partition, float[] vector, double minSimilarity, int limit, Instant now);

    /**
     * @return false when the partition surely holds no live entry with an embedding, so that a semantic lookup in it
     *         cannot find anything and need not embed the query; true otherwise (by default: always)
     */
    default boolean mayHaveSimilar(String partition, Instant now) {
        return true;
    }

    /** Stores the entry, replacing one with the same partition and exact hash. */
    void put(CacheEntry entry);

    /** Deletes every entry expired at {@code now}; @return how many */
    int purgeExpired(Instant now);

    /** Stops the store's own background work, if it has any (its database is closed by whoever opened it). */
    default void close() {
    }
}
