package dev.llmgateway.kamelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.regex.Pattern;

/**
 * The scalars Camel takes where the YAML DSL schema refuses them. Camel's model holds every option as text and converts
 * it when the route starts, after resolving property placeholders, while the schema keeps the converted type: so a
 * {{placeholder}} fits any option, a number or boolean fits a string option, and "true" or "10" fit a boolean or a
 * number option.
 */
final class CamelScalars {

    private static final Pattern PLACEHOLDER = Pattern.compile(".*\\{\\{.+}}.*", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private CamelScalars() {
    }

    /**
     * Replaces, inside document, the value a type or enum error points at by one of the type the schema wants, when
     * Camel would take the value as written. Returns whether it did.
     */
    static boolean retype(JsonNode document, Error error) {
        JsonNode value = error.getInstanceNode();
        JsonNode wanted = error.getSchemaNode();
        if (value == null || wanted == null || !value.isValueNode()) {
            return false;
        }
        JsonNode replacement = switch (error.getKeyword()) {
            case "type" -> ofType(value, wanted.asText());
            case "enum" -> PLACEHOLDER.matcher(value.asText()).matches() ? wanted.get(0) : null;
            default -> null;
        };
        return replacement != null && replace(document, error.getInstanceLocation(), replacement);
    }

    private static JsonNode ofType(JsonNode value, String type) {
        String text = value.asText();
        boolean placeholder = value.isTextual() && PLACEHOLDER.matcher(text).matches();
        return switch (type) {
            case "string" -> value.isNumber() || value.isBoolean() ? TextNode.valueOf(text) : null;
            case "boolean" -> placeholder || text.equals("true") || text.equals("false") ? BooleanNode.TRUE : null;
            case "number" -> placeholder || NUMBER.matcher(text).matches() ? IntNode.valueOf(1) : null;
            default -> null;
        };
    }

    private static boolean replace(JsonNode document, NodePath location, JsonNode replacement) {
        int last = location.getNameCount() - 1;
        if (last < 0) {
            return false;
        }
        JsonNode parent = document;
        for (int i = 0; i < last; i++) {
            Object element = location.getElement(i);
            parent = element instanceof Integer index ? parent.path(index) : parent.path((String) element);
        }
        Object element = location.getElement(last);
        if (parent instanceof ObjectNode object && element instanceof String name) {
            object.set(name, replacement);
            return true;
        }
        if (parent instanceof ArrayNode array && element instanceof Integer index) {
            array.set(index, replacement);
            return true;
        }
        return false;
    }
}
