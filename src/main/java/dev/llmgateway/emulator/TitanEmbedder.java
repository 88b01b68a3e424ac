package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Titan Text Embeddings, v1 and v2: request validation, the vector and the response body.
 *
 * <p>The vector is a signed feature hash of the text's lower-cased words (weight 1) and character
 * trigrams (weight 0.5), so it is deterministic and texts that share words point the same way.
 */
final class TitanEmbedder {
    private static final int V1_DIMENSIONS = 1536;
    private static final int V2_DEFAULT_DIMENSIONS = 1024;
    private static final Set<Integer> V2_DIMENSIONS = Set.of(256, 512, 1024);
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private TitanEmbedder() {
    }

    /** The response body for an InvokeModel on a Titan embeddings model. */
    static ObjectNode embed(ModelFamily family, JsonNode body) {
        String text = inputText(body);
        ObjectNode response = Json.object();
        if (family == ModelFamily.TITAN_EMBED_V1) {
            response.set("embedding", array(normalized(rawVector(text, V1_DIMENSIONS))));
            response.put("inputTextTokenCount", EmulatorTokenizer.count(text));
            return response;
        }
        int dimensions = body.path("dimensions").asInt(V2_DEFAULT_DIMENSIONS);
        if (!V2_DIMENSIONS.contains(dimensions)) {
            throw BedrockFailure.malformedInput("#/dimensions: " + dimensions + " is not a valid enum value");
        }
        float[] vector = rawVector(text, dimensions);
        if (body.path("normalize").asBoolean(true)) {
            vector = normalized(vector);
        }
        ArrayNode floats = array(vector);
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

    private static float[] rawVector(String text, int dimensions) {
        float[] vector = new float[dimensions];
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String word = m.group();
            addFeature(vector, "w:" + word, 1.0f);
            String padded = " " + word + " ";
            for (int i = 0; i + 3 <= padded.length(); i++) {
                addFeature(vector, "t:" + padded.substring(i, i + 3), 0.5f);
            }
        }
        return vector;
    }

    private static void addFeature(float[] vector, String feature, float weight) {
        long hash = fnv1a(feature);
        int bucket = (int) Long.remainderUnsigned(hash, vector.length);
        vector[bucket] += (hash >>> 63) == 0 ? weight : -weight;
    }

    private static float[] normalized(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        if (sum == 0) {
            float[] unit = new float[vector.length];
            unit[0] = 1f;
            return unit;
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] / norm;
        }
        return out;
    }

    private static long fnv1a(String feature) {
        long hash = FNV_OFFSET;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    private static ArrayNode array(float[] vector) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (float v : vector) {
            array.add(v);
        }
        return array;
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
