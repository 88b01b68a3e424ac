package dev.llmgateway.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * One per-minute limit of one scope: a token bucket holding {@code perMinute}, refilled evenly over a minute.
 *
 * @param scope     what is limited, as a client reads it ("team analytics", "API key key_x")
 * @param scopeKey  the scope's stable key ("team/analytics", "key/key_x")
 * @param dimension requests or tokens
 * @param perMinute the limit
 */
public record RateLimit(String scope, String scopeKey, RateDimension dimension, long perMinute) {

    /** @return the bucket's key; it names the limit, so a changed limit starts a fresh bucket rather than a stale one */
    public String bucketKey() {
        return scopeKey + "/" + dimension.word() + "/" + perMinute;
    }

    public Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build();
    }

    public BucketConfiguration configuration() {
        return BucketConfiguration.builder().addLimit(bandwidth()).build();
    }
}
