package dev.llmgateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets in this process (embedded storage: one instance). */
public final class LocalBucketStore implements BucketStore {

    private final TimeMeter clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public LocalBucketStore() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    /** @param clock the time the buckets refill by (tests move it by hand) */
    public LocalBucketStore(TimeMeter clock) {
        this.clock = clock;
    }

    @Override
    public Bucket bucket(RateLimit limit) {
        return buckets.computeIfAbsent(limit.bucketKey(), key -> Bucket.builder()
                .addLimit(limit.bandwidth())
                .withCustomTimePrecision(clock)
                .build());
    }

    @Override
    public boolean inMemory() {
        return true;
    }
}
