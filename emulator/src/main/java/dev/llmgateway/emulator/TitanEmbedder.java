package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Titan Text Embeddings, v1 and v2: request validation, the vector and the response body.
 *
 * <p>The vectors are {@link FeatureHashVectors}: deterministic, and texts that share words point the same way.
 */
final class TitanEmbedder {
    private static final int V1_DIMENSIONS = 1536;
    private static final int V2_DEFAULT_DIMENSIONS = 1024;
    private static final Set<Integer> V2_DIMENSIONS = Set.of(256, 512, 1024);

    private TitanEmbedder() {
    }

    /** The response body for an InvokeModel on a Titan embeddings model. */
    static ObjectNode embed(ModelFamily family, JsonNode body) {
        String text = inputText(body);
        ObjectNode response = Json.object();
        if (family == ModelFamily.TITAN_EMBED_V1) {
            float[] vector = FeatureHashVectors.normalized(FeatureHashVectors.raw(text, V1_DIMENSIONS, ""));
            response.set("embedding", FeatureHashVectors.array(vector));
            response.put("inputTextTokenCount", EmulatorTokenizer.count(text));
            return response;
        }
        int dimensions = body.path("dimensions").asInt(V2_DEFAULT_DIMENSIONS);
        if (!V2_DIMENSIONS.contains(dimensions)) {
            throw BedrockFailure.malformedInput("#/dimensions: " + dimensions + " is not a valid enum value");
        }
        float[] vector = FeatureHashVectors.raw(text, dimensions, "");
        if (body.path("normalize").asBoolean(true)) {
            vector = FeatureHashVectors.normalized(vector);
        }
        ArrayNode floats = FeatureHashVectors.array(vector);
        response.set("embedding", floats);
        response.put("inputTextTokenCount", EmulatorTokenizer.count(text));
        ObjectNode byType = response.putObject("embeddingsByType");
        JsonNode types = body.path("embeddingTypes");
        if (types.isMissingNode() || containsText(types, "float")) {
            byType.set("float", floats);
        }
        if (containsText(types, "binary")) {
            ArrayNode bits = byType.putArray("binary");
            for (float v : vector) {
                bits.add(v > 0 ? 1 : 0);
            }
        }
        return response;
    }

    static String inputText(JsonNode body) {
        if (!body.isObject() || !body.hasNonNull("inputText")) {
            throw BedrockFailure.malformedInput("#: required key [inputText] not found");
        }
        String text = body.get("inputText").asText();
        if (text.isEmpty()) {
            throw BedrockFailure.malformedInput("#/inputText: expected minLength: 1, actual: 0");
        }
        return text;
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
