package dev.llmgateway.limits;

import io.github.bucket4j.Bucket;

/** Where the token buckets of the rate limits live: this process's memory, or a database shared by instances. */
public interface BucketStore {

    /** @return the bucket of a limit, full when first used */
    Bucket bucket(RateLimit limit);

    /** @return whether the buckets are in this process's memory (then using them never blocks on I/O) */
    boolean inMemory();
}
