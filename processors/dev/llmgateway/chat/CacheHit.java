package dev.llmgateway.chat;

/**
 * An answer served from the semantic cache rather than the upstream.
 *
 * @param kind       how the request matched the cached entry
 * @param similarity cosine similarity of the request to the cached one (1 for an exact match)
 * @param usage      tokens the call that produced the cached answer read and wrote: what this request saved
 * @param modelId    the Bedrock model id or inference profile that produced the cached answer, to price the saving
 */
public record CacheHit(Kind kind, double similarity, Usage usage, String modelId) {

    public enum Kind {
        /** The same request (same partition, same conversation). */
        EXACT,
        /** A request that means the same, by embedding similarity and the near-miss guard. */
        SEMANTIC
    }
}
