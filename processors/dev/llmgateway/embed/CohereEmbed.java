package dev.llmgateway.embed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cohere Embed v3 (English or multilingual): up to 96 texts of at most 2,048 characters per call, 1,024 dimensions, an
 * input type per call. Texts over the model's token limit are refused by Bedrock ({@code truncate} NONE), never cut.
 */
final class CohereEmbed implements EmbeddingModel {

    static final CohereEmbed INSTANCE = new CohereEmbed();

    private CohereEmbed() {
    }

    @Override
    public int textsPerCall() {
        return 96;
    }

    @Override
    public int maxCharacters() {
        return 2048;
    }

    @Override
    public List<Integer> dimensions() {
        return List.of(1024);
    }

    @Override
    public int defaultDimensions() {
        return 1024;
    }

    @Override
    public Set<String> inputTypes() {
        return Set.of("search_document", "search_query", "classification", "clustering");
    }

    /** What OpenAI-shaped clients embed without saying: documents for a search index (queries say search_query). */
    @Override
    public String defaultInputType() {
        return "search_document";
    }

    @Override
    public byte[] requestBody(List<String> texts, int dimensions, String inputType) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("texts", texts);
        body.put("input_type", inputType);
        body.put("truncate", "NONE");
        return Json.bytes(body);
    }

    @Override
    public List<float[]> vectors(JsonNode answer, int texts, int dimensions) {
        JsonNode embeddings = answer.path("embeddings");
        if (!embeddings.isArray() || embeddings.size() != texts) {
            throw new IllegalStateException("Cohere Embed answered " + (embeddings.isArray() ? embeddings.size()
                    : "no") + " embeddings for " + texts + " texts");
        }
        List<float[]> vectors = new ArrayList<>(texts);
        for (int i = 0; i < texts; i++) {
            vectors.add(EmbeddingVectors.read(embeddings.get(i), dimensions, "embeddings[" + i + "]"));
        }
        return vectors;
    }
}
