package dev.llmgateway.cache;

/**
 * What {@link CacheLookupProcessor} keeps on the call for {@link CacheStoreProcessor} when the answer may be
 * stored; absent when it must not be.
 *
 * @param key    where the answer goes
 * @param vector the query's embedding when the lookup computed it, else null
 */
record PendingStore(CacheKey key, float[] vector) {
}
