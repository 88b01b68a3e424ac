package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Converse's {@code additionalModelRequestFields}, which Bedrock hands to the model as they are: each family takes
 * its own keys and refuses others, as the model's own request schema does.
 */
final class AdditionalModelFields {
    private static final Map<ModelFamily, Set<String>> TAKEN = Map.of(
            ModelFamily.CLAUDE, Set.of("top_k", "thinking"),
            ModelFamily.NOVA, Set.of("inferenceConfig"));
    private static final Set<String> NOVA_INFERENCE = Set.of("topK");

    private AdditionalModelFields() {
    }

    static void check(ModelFamily family, JsonNode fields) {
        if (fields.isMissingNode() || fields.isNull()) {
            return;
        }
        if (!fields.isObject()) {
            throw BedrockFailure.malformedInput("#: expected type: JSONObject, found: " + fields.getNodeType());
        }
        checkKeys(fields, TAKEN.getOrDefault(family, Set.of()), "#");
        if (family == ModelFamily.NOVA && fields.has("inferenceConfig")) {
            checkKeys(fields.get("inferenceConfig"), NOVA_INFERENCE, "#/inferenceConfig");
        }
        JsonNode topK = family == ModelFamily.NOVA ? fields.path("inferenceConfig").path("topK") : fields.path("top_k");
        if (!topK.isMissingNode() && (!topK.canConvertToInt() || topK.asInt() < 0)) {
            throw BedrockFailure.malformedInput("#/top_k: " + topK + " is not a non-negative integer");
        }
    }

    private static void checkKeys(JsonNode object, Set<String> taken, String path) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!taken.contains(name)) {
                throw BedrockFailure.malformedInput(path + ": extraneous key [" + name + "] is not permitted");
            }
        }
    }
}
