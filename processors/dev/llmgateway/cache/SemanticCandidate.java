package dev.llmgateway.cache;

/**
 * A stored entry near a query's vector.
 *
 * @param id         the entry's id in its store, to fetch its answer
 * @param queryText  the semantic text of the request that produced it, for the near-miss guard
 * @param similarity cosine similarity to the query
 */
public record SemanticCandidate(long id, String queryText, double similarity) {
}
