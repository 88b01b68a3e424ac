package dev.llmgateway.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import javax.sql.DataSource;

/**
 * Token buckets in PostgreSQL through Bucket4j (table rate_limit_buckets), shared by every instance on the database:
 * each use locks the bucket's row (SELECT ... FOR UPDATE), so instances never both spend the same tokens.
 */
public final class PostgresBucketStore implements BucketStore {

    private final ProxyManager<String> buckets;

    public PostgresBucketStore(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .build();
    }

    @Override
    public Bucket bucket(RateLimit limit) {
        return buckets.builder().build(limit.bucketKey(), limit::configuration);
    }

    @Override
    public boolean inMemory() {
        return false;
    }
}
