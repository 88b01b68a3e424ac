package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Cohere Embed v3 (English and multilingual) on InvokeModel: {@code {texts, input_type, truncate, embedding_types}}
 * in, {@code {embeddings, id, response_type, texts}} out, validated as Bedrock does (at most 96 texts of at most 2,048
 * characters, an input type, at most 512 tokens a text unless {@code truncate} says which end to cut).
 *
 * <p>The vectors are {@link FeatureHashVectors} of 1,024 dimensions, normalized: deterministic, and texts that share
 * words point the same way. The input type is part of the vector (Cohere prefixes a token per type), so a query and a
 * document of the same text are close but not equal.
 */
final class CohereEmbedder {
    static final int DIMENSIONS = 1024;
    private static final int MAX_TEXTS = 96;
    private static final int MAX_CHARACTERS = 2048;
    private static final int MAX_TOKENS = 512;
    private static final Set<String> INPUT_TYPES = Set.of("search_document", "search_query", "classification",
            "clustering");
    private static final Set<String> TRUNCATE = Set.of("NONE", "START", "END");
    private static final Set<String> EMBEDDING_TYPES = Set.of("float", "int8", "uint8", "binary", "ubinary");

    private CohereEmbedder() {
    }

    /** A request's texts and how they are embedded. */
    record Request(List<String> texts, String inputType, String truncate, List<String> embeddingTypes) {

        int inputTokens() {
            return texts.stream().mapToInt(text -> Math.min(MAX_TOKENS, EmulatorTokenizer.count(text))).sum();
        }
    }

    static Request parse(JsonNode body) {
        if (!body.isObject()) {
            throw BedrockFailure.malformedInput("#: expected type: JSONObject");
        }
        if (body.has("images")) {
            throw BedrockFailure.malformedInput("#: images are not emulated, send texts");
        }
        JsonNode texts = body.path("texts");
        if (!texts.isArray()) {
            throw BedrockFailure.malformedInput("#: required key [texts] not found");
        }
        if (texts.size() > MAX_TEXTS) {
            throw BedrockFailure.malformedInput("#/texts: expected maxItems: " + MAX_TEXTS + ", actual: "
                    + texts.size());
        }
        String inputType = body.path("input_type").asText(null);
        if (inputType == null) {
            throw BedrockFailure.malformedInput("#: required key [input_type] not found");
        }
        if (!INPUT_TYPES.contains(inputType)) {
            throw BedrockFailure.malformedInput("#/input_type: " + inputType + " is not a valid enum value");
        }
        String truncate = body.path("truncate").asText("NONE");
        if (!TRUNCATE.contains(truncate)) {
            throw BedrockFailure.malformedInput("#/truncate: " + truncate + " is not a valid enum value");
        }
        List<String> values = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            JsonNode text = texts.get(i);
            if (!text.isTextual()) {
                throw BedrockFailure.malformedInput("#/texts/" + i + ": expected type: String");
            }
            if (text.textValue().length() > MAX_CHARACTERS) {
                throw BedrockFailure.malformedInput("#/texts/" + i + ": expected maxLength: " + MAX_CHARACTERS
                        + ", actual: " + text.textValue().length());
            }
            values.add(fitted(text.textValue(), truncate, i));
        }
        return new Request(values, inputType, truncate, embeddingTypes(body.path("embedding_types")));
    }

    /** The text as the model reads it: within its token limit, cut at the end truncate names, or refused. */
    private static String fitted(String text, String truncate, int index) {
        if (EmulatorTokenizer.count(text) <= MAX_TOKENS) {
            return text;
        }
        if (truncate.equals("NONE")) {
            throw BedrockFailure.validation("texts[" + index + "] is longer than the model's maximum of " + MAX_TOKENS
                    + " tokens; shorten it or set truncate to START or END.");
        }
        List<String> pieces = EmulatorTokenizer.pieces(text);
        List<String> kept = truncate.equals("END") ? pieces.subList(0, MAX_TOKENS)
                : pieces.subList(pieces.size() - MAX_TOKENS, pieces.size());
        return String.join("", kept);
    }

    private static List<String> embeddingTypes(JsonNode types) {
        if (types.isMissingNode() || types.isNull()) {
            return List.of();
        }
        if (!types.isArray() || types.isEmpty()) {
            throw BedrockFailure.malformedInput("#/embedding_types: expected a non-empty array");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode type : types) {
            if (!EMBEDDING_TYPES.contains(type.asText())) {
                throw BedrockFailure.malformedInput("#/embedding_types: " + type.asText()
                        + " is not a valid enum value");
            }
            names.add(type.asText());
        }
        return names;
    }

    /** The response body: floats by default, or the types asked for (float and int8 are emulated). */
    static ObjectNode embed(Request request) {
        List<float[]> vectors = request.texts().stream()
                .map(text -> FeatureHashVectors.normalized(
                        FeatureHashVectors.raw(request.inputType() + " " + text, DIMENSIONS, "cohere:")))
                .toList();
        ObjectNode response = Json.object();
        response.put("id", UUID.randomUUID().toString());
        if (request.embeddingTypes().isEmpty()) {
            response.set("embeddings", floats(vectors));
            response.put("response_type", "embeddings_floats");
        } else {
            ObjectNode byType = response.putObject("embeddings");
            for (String type : request.embeddingTypes()) {
                switch (type) {
                    case "float" -> byType.set("float", floats(vectors));
                    case "int8" -> byType.set("int8", int8(vectors));
                    default -> throw BedrockFailure.validation("The emulator does not play embedding type " + type
                            + "; ask for float or int8.");
                }
            }
            response.put("response_type", "embeddings_by_type");
        }
        ArrayNode texts = response.putArray("texts");
        request.texts().forEach(texts::add);
        return response;
    }

    private static ArrayNode floats(List<float[]> vectors) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        vectors.forEach(vector -> array.add(FeatureHashVectors.array(vector)));
        return array;
    }

    private static ArrayNode int8(List<float[]> vectors) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (float[] vector : vectors) {
            ArrayNode values = array.addArray();
            for (float v : vector) {
                values.add(Math.max(-128, Math.min(127, Math.round(v * 127))));
            }
        }
        return array;
    }
}
