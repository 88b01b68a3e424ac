package dev.llmgateway.chat;

import java.util.List;

/**
 * The vectors of an embeddings call, one per text in the request's order.
 *
 * @param vectors     the vectors; empty when the request failed (its answered calls are still billed by usage)
 * @param usage       input tokens of the texts sent upstream (texts answered from the vector cache cost nothing)
 * @param region      the region of the first upstream call answered, or null when every vector came from the cache
 * @param modelId     the model id called there, or null likewise
 * @param cachedTexts how many vectors came from the vector cache
 */
public record Embeddings(List<float[]> vectors, Usage usage, String region, String modelId, int cachedTexts)
        implements UpstreamUsage {

    public Embeddings {
        vectors = List.copyOf(vectors);
    }
}
