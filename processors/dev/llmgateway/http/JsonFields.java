package dev.llmgateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayException;
import java.util.ArrayList;
import java.util.List;

/** Reads typed fields of a client's JSON request, refusing wrong types with a message that names the field. */
public final class JsonFields {

    private JsonFields() {
    }

    public static String requiredString(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw missing(field);
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return node.textValue();
    }

    public static String optionalString(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return node.textValue();
    }

    public static Integer optionalPositiveInt(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(field, "an integer", node);
        }
        if (node.intValue() < 1) {
            throw GatewayException.invalidRequest("invalid_value", field + " must be at least 1, got " + node.intValue() + ".");
        }
        return node.intValue();
    }

    public static Double optionalNumber(JsonNode parent, String field, double min, double max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw wrongType(field, "a number", node);
        }
        double value = node.doubleValue();
        if (value < min || value > max) {
            throw GatewayException.invalidRequest("invalid_value",
                    field + " must be between " + min + " and " + max + ", got " + node.asText() + ".");
        }
        return value;
    }

    public static boolean optionalBoolean(JsonNode parent, String field) {
        return optionalBoolean(parent, field, false);
    }

    /** @param absent the value of a field that is absent or null */
    public static boolean optionalBoolean(JsonNode parent, String field, boolean absent) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw wrongType(field, "true or false", node);
        }
        return node.booleanValue();
    }

    /** A field that is either one string or an array of strings (OpenAI's {@code stop}). */
    public static List<String> stringOrStrings(JsonNode parent, String field, int maxItems) {
        JsonNode node = parent.get(field);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            values.add(node.textValue());
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw wrongType(field + "[]", "a string", item);
                }
                values.add(item.textValue());
            }
        } else {
            throw wrongType(field, "a string or an array of strings", node);
        }
        if (values.size() > maxItems) {
            throw GatewayException.invalidRequest("invalid_value",
                    field + " may hold at most " + maxItems + " sequences, got " + values.size() + ".");
        }
        if (values.stream().anyMatch(String::isEmpty)) {
            throw GatewayException.invalidRequest("invalid_value", field + " must not contain empty strings.");
        }
        return values;
    }

    /** @param at where the object is in the request, as errors name it */
    public static JsonNode requiredObject(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            throw missing(at);
        }
        if (!node.isObject()) {
            throw wrongType(at, "an object", node);
        }
        return node;
    }

    /** A string field of a nested object, named in errors with its path ({@code at.field}). */
    public static String requiredString(JsonNode parent, String field, String at) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw missing(at + "." + field);
        }
        if (!node.isTextual()) {
            throw wrongType(at + "." + field, "a string", node);
        }
        return node.textValue();
    }

    /** @return the array, or null when the field is absent or null */
    public static JsonNode optionalArray(JsonNode parent, String field) {
        JsonNode array = parent.get(field);
        if (array == null || array.isNull()) {
            return null;
        }
        if (!array.isArray()) {
            throw wrongType(field, "an array", array);
        }
        return array;
    }

    public static JsonNode requiredNonEmptyArray(JsonNode parent, String field) {
        JsonNode array = parent.get(field);
        if (array == null || array.isNull()) {
            throw missing(field);
        }
        if (!array.isArray()) {
            throw wrongType(field, "an array", array);
        }
        if (array.isEmpty()) {
            throw GatewayException.invalidRequest("invalid_value", "'" + field + "' must hold at least one item.");
        }
        return array;
    }

    public static GatewayException missing(String field) {
        return GatewayException.invalidRequest("missing_field", "'" + field + "' is required.");
    }

    public static GatewayException wrongType(String field, String expected, JsonNode got) {
        return GatewayException.invalidRequest("invalid_type",
                "'" + field + "' must be " + expected + ", got " + describe(got) + ".");
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
