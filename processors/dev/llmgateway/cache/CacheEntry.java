package dev.llmgateway.cache;

import java.time.Instant;

/**
 * One stored answer with what finds it.
 *
 * @param key       partition, exact hash and semantic text of the request that produced it
 * @param vector    the unit-length embedding of the semantic text, or null for an entry matched exactly only
 * @param answer    the answer
 * @param createdAt when it was stored
 * @param expiresAt from when it is never served
 */
public record CacheEntry(CacheKey key, float[] vector, CachedAnswer answer, Instant createdAt, Instant expiresAt) {
}
