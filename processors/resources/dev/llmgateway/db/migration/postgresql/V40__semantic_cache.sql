-- Semantic cache entries (dev.llmgateway.cache.PgVectorCacheStore).
-- pgvector must be available; creating the extension needs a superuser unless it already exists in the database.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE semantic_cache_entry (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- hash of team, model, embedder, system prompt, template and generation parameters
    partition_key VARCHAR(64) NOT NULL,
    -- hash of the canonical conversation
    exact_hash    VARCHAR(64) NOT NULL,
    -- the embedded text (last user turn and digest); null for entries matched exactly only
    query_text    TEXT,
    dimensions    INTEGER,
    embedding     vector,
    answer        TEXT        NOT NULL,
    stop_reason   TEXT,
    input_tokens  INTEGER     NOT NULL,
    output_tokens INTEGER     NOT NULL,
    model_id      TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT semantic_cache_entry_exact UNIQUE (partition_key, exact_hash),
    CONSTRAINT semantic_cache_entry_vector CHECK ((embedding IS NULL) = (dimensions IS NULL))
);

CREATE INDEX semantic_cache_entry_expiry ON semantic_cache_entry (expires_at);

-- An HNSW index needs vectors of one size; each embedder's size gets its own partial index
-- (all-MiniLM-L6-v2: 384; Titan Text Embeddings v2: 256, 512 or 1024).
CREATE INDEX semantic_cache_entry_hnsw_384 ON semantic_cache_entry
    USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE dimensions = 384;
CREATE INDEX semantic_cache_entry_hnsw_256 ON semantic_cache_entry
    USING hnsw ((embedding::vector(256)) vector_cosine_ops) WHERE dimensions = 256;
CREATE INDEX semantic_cache_entry_hnsw_512 ON semantic_cache_entry
    USING hnsw ((embedding::vector(512)) vector_cosine_ops) WHERE dimensions = 512;
CREATE INDEX semantic_cache_entry_hnsw_1024 ON semantic_cache_entry
    USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WHERE dimensions = 1024;
