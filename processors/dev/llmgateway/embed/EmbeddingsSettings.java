package dev.llmgateway.embed;

/**
 * Settings of POST /v1/embeddings, bound from {@code embeddings:} in application.yaml. Nulls take the defaults.
 *
 * @param concurrency    upstream calls one request may have in flight at once; default 4
 * @param cacheMegabytes memory the vector cache may hold, 0 to turn it off; default 64
 */
public record EmbeddingsSettings(Integer concurrency, Integer cacheMegabytes) {

    public EmbeddingsSettings {
        concurrency = concurrency == null ? 4 : concurrency;
        cacheMegabytes = cacheMegabytes == null ? 64 : cacheMegabytes;
    }

    public static EmbeddingsSettings defaults() {
        return new EmbeddingsSettings(null, null);
    }
}
