package dev.llmgateway.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.ModelSpec;
import software.amazon.awssdk.core.document.Document;

/**
 * What a request asks of the model that Converse has no field for: Converse passes
 * {@code additionalModelRequestFields} to the model as they are, so they are written in each family's own terms.
 */
final class AdditionalModelFields {

    private AdditionalModelFields() {
    }

    /** Refuses (400) a field the model's family has no way to take (reasoning: Claude's thinking only). */
    static void check(ChatRequest request, ModelSpec model) {
        if (request.reasoning() != null && !"claude".equals(model.family())) {
            throw GatewayException.invalidRequest("unsupported_parameter", "Reasoning (thinking / reasoning_effort) "
                    + "is served for Claude models only, which take it as extended thinking; model '" + model.alias()
                    + "' is of the " + model.family() + " family.");
        }
        if (request.topK() != null && !takesTopK(model.family())) {
            throw GatewayException.invalidRequest("unsupported_parameter", "top_k is not available for model '"
                    + model.alias() + "' (Bedrock takes it for Claude and Amazon Nova models only); leave it out.");
        }
    }

    /** @return the fields for this model, or null when the request needs none */
    static Document of(ChatRequest request, ModelSpec model) {
        ObjectNode fields = Json.MAPPER.createObjectNode();
        if (request.reasoning() != null) {
            fields.putObject("thinking").put("type", "enabled")
                    .put("budget_tokens", request.reasoning().budgetTokens());
        }
        if (request.topK() != null) {
            if ("nova".equals(model.family())) {
                fields.putObject("inferenceConfig").put("topK", request.topK());
            } else {
                fields.put("top_k", request.topK());
            }
        }
        return fields.isEmpty() ? null : Documents.of(fields);
    }

    private static boolean takesTopK(String family) {
        return "claude".equals(family) || "nova".equals(family);
    }
}
