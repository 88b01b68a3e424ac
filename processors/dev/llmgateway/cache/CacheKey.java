package dev.llmgateway.cache;

/**
 * Where a request's answer is filed in the cache.
 *
 * @param partition    hash of everything that must be equal for two requests to share an answer: team, model,
 *                     embedder, system prompt, prompt template and the generation parameters that change the answer
 * @param exactHash    hash of the canonical conversation: equal for the same request
 * @param semanticText the text embedded and compared for semantic matches (see {@link SemanticQuery}), or null when
 *                     the request is matched exactly only
 */
public record CacheKey(String partition, String exactHash, String semanticText) {
}
