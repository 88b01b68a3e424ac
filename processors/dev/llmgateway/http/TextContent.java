package dev.llmgateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayException;

/** Message content as both APIs send it: a string, or an array of {@code {"type": "text", "text"}} parts, joined. */
public final class TextContent {

    private TextContent() {
    }

    /**
     * @param node     the content node (not null)
     * @param at       where it is in the request, for error messages
     * @param partName what the API calls a part ("text parts", "text blocks")
     * @param partRules what the API does with each field of a text part
     */
    public static String read(JsonNode node, String at, String partName, FieldRules partRules) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (!node.isArray()) {
            throw JsonFields.wrongType(at, "a string or an array of " + partName, node);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            String partAt = at + "[" + i + "]";
            if (!part.isObject()) {
                throw JsonFields.wrongType(partAt, "an object", part);
            }
            String type = JsonFields.requiredString(part, "type");
            if (!"text".equals(type)) {
                throw GatewayException.invalidRequest("unsupported_content",
                        partAt + ".type '" + type + "' is not supported; only " + partName + " are served.");
            }
            partRules.check(part, partAt + ".");
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(JsonFields.requiredString(part, "text"));
        }
        return text.toString();
    }
}
