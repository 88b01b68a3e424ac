package dev.llmgateway.openai;

import dev.llmgateway.http.FieldRules;

/**
 * Every field of an OpenAI embeddings request and what the gateway does with it. docs/api.md lists the same
 * (ApiFieldsDocumentedTest keeps the two in step).
 */
public final class OpenAiEmbeddingsFields {

    public static final FieldRules REQUEST = FieldRules.of("an embeddings request")
            .served("model", "an embedding model alias (titan-embed-text-v2, cohere-embed-multilingual-v3)")
            .served("input", "a string or an array of up to 2,048 non-empty strings, each within the model's limits; "
                    + "token arrays are refused (Bedrock's models take text)")
            .served("dimensions", "the vector length: 256, 512 or 1,024 for Titan (default 1,024), 1,024 for Cohere")
            .served("encoding_format", "float (arrays of numbers, the default) or base64 (little-endian float32s)")
            .served("input_type", "an extension for Cohere: search_document (the default), search_query, "
                    + "classification or clustering; refused for Titan")
            .ignored("user", "an end-user id for OpenAI's abuse monitoring; the gateway attributes calls to the API "
                    + "key and the feature")
            .build();

    private OpenAiEmbeddingsFields() {
    }
}
