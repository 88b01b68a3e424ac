package dev.llmgateway.cache;

import java.util.HashMap;
import java.util.Map;

/**
 * The sentence embeddings computed for one request, by text, so that a text the injection classifier embedded is
 * not embedded again by the semantic cache (a short single-turn question is both the classifier's one window and
 * the cache's query). Kept on the request's call; used by one request at a time.
 */
public final class PromptEmbeddings {

    private final Embedder embedder;
    private final Map<String, float[]> vectors = new HashMap<>();

    public PromptEmbeddings(Embedder embedder) {
        this.embedder = embedder;
    }

    /** @return the text's unit vector, computed on the first call for the text */
    public synchronized float[] embed(String text) {
        return vectors.computeIfAbsent(text, embedder::embed);
    }

    /** @return the vector of the text when an embedder of this id has computed it for the request, else null */
    public synchronized float[] known(String embedderId, String text) {
        return embedder.id().equals(embedderId) ? vectors.get(text) : null;
    }
}
