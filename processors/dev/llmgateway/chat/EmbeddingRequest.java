package dev.llmgateway.chat;

import java.util.List;

/**
 * A request for embeddings, as the API's reader understood it.
 *
 * @param model      the model alias
 * @param texts      the texts to embed, in the order the answer gives their vectors
 * @param dimensions the vector length asked for, or null for the model's default
 * @param inputType  what the texts are for (search_query, search_document, classification, clustering), for models
 *                   that take it; null for the model's default
 * @param base64     whether the API writes the vectors in base64 (OpenAI's {@code encoding_format}) rather than as
 *                   arrays of numbers
 */
public record EmbeddingRequest(String model, List<String> texts, Integer dimensions, String inputType,
                               boolean base64) {

    public EmbeddingRequest {
        texts = List.copyOf(texts);
    }
}
