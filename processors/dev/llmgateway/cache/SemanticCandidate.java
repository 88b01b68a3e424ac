package dev.llmgateway.cache;

/**
 * A stored entry near a query's vector.
 *
 * @param queryText  the semantic text of the request that produced it, for the near-miss guard
 * @param vector     its unit-length embedding
 * @param similarity cosine similarity to the query
 * @param answer     its answer
 */
public record SemanticCandidate(String queryText, float[] vector, double similarity, CachedAnswer answer) {
}
