package dev.llmgateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The string values of a JSON tree put through a function, the tree's shape kept (so it stays valid JSON). */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** @return a copy of the tree whose string values (not its field names) went through the function */
    public static JsonNode map(JsonNode node, UnaryOperator<String> function) {
        if (node.isTextual()) {
            return TextNode.valueOf(function.apply(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), map(field.getValue(), function));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(item -> copy.add(map(item, function)));
            return copy;
        }
        return node;
    }
}
