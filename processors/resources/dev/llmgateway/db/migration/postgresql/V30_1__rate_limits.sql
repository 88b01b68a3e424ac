-- Rate limits shared by every instance on this database (embedded storage keeps them in memory instead).

-- Bucket4j's token buckets, one per scope, dimension and limit ("team/analytics/requests/600").
CREATE TABLE rate_limit_buckets (
    id          VARCHAR(200) PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);

-- One lease per call in flight of a scope with a concurrency limit; a lease outlives its call only if the instance
-- holding it died, and then only until it expires.
CREATE TABLE concurrency_leases (
    lease_id    VARCHAR(40)  PRIMARY KEY,
    scope       VARCHAR(200) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX concurrency_leases_scope ON concurrency_leases (scope);
