package dev.llmgateway.embed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Amazon Titan Text Embeddings V2: one text per call, 256, 512 or 1,024 dimensions, vectors normalized. */
final class TitanTextEmbeddings implements EmbeddingModel {

    static final TitanTextEmbeddings INSTANCE = new TitanTextEmbeddings();

    private TitanTextEmbeddings() {
    }

    @Override
    public int textsPerCall() {
        return 1;
    }

    @Override
    public int maxCharacters() {
        return 50_000;
    }

    @Override
    public List<Integer> dimensions() {
        return List.of(256, 512, 1024);
    }

    @Override
    public int defaultDimensions() {
        return 1024;
    }

    @Override
    public Set<String> inputTypes() {
        return Set.of();
    }

    @Override
    public String defaultInputType() {
        return null;
    }

    @Override
    public byte[] requestBody(List<String> texts, int dimensions, String inputType) {
        if (texts.size() != 1) {
            throw new IllegalArgumentException("Titan embeds one text per call, got " + texts.size());
        }
        return Json.bytes(Map.of("inputText", texts.get(0), "dimensions", dimensions, "normalize", true));
    }

    @Override
    public List<float[]> vectors(JsonNode answer, int texts, int dimensions) {
        return List.of(EmbeddingVectors.read(answer.path("embedding"), dimensions, "embedding"));
    }
}
