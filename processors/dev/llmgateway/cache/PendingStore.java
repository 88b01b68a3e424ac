package dev.llmgateway.cache;

/**
 * What {@link CacheLookupProcessor} leaves for {@link CacheStoreProcessor} when the answer may be stored.
 *
 * @param key    where the answer goes
 * @param vector the query's embedding when the lookup computed it, else null
 */
record PendingStore(CacheKey key, float[] vector) {

    /** Exchange property holding the {@link PendingStore}; absent when the answer must not be stored. */
    static final String PROPERTY = "llmgateway.cachePendingStore";
}
