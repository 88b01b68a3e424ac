package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tool input that satisfies the tool's JSON schema, built from the user's text.
 *
 * <p>It reads {@code const}, {@code enum} (the first value), {@code anyOf}/{@code oneOf} (the first
 * alternative), {@code type} (a list of types gives its first non-null one; no type is read from
 * {@code properties} or {@code items}, else string), {@code properties} with {@code required},
 * {@code items} with {@code minItems}/{@code maxItems}, and {@code minimum}/{@code maximum}.
 * An object gets its required properties and the optional ones the user's text names. Where the text names
 * a property (case-insensitive; '_' may be written as a space), a string takes the first word after the name
 * that is not a stop word ("the city of Paris" gives Paris), and a number that word if it is one. Otherwise a
 * string is {@code "example <property>"}, a number its minimum or else 1 (within its maximum), a boolean true,
 * an array one item (or minItems).
 */
final class ToolInputBuilder {
    /** A word, an address or a handle (name@host, a.b-c_d), or a gateway placeholder such as {@code <EMAIL_1>}. */
    private static final Pattern VALUE_WORD =
            Pattern.compile("<[A-Z_]+_\\d+>|[\\p{L}\\p{N}](?:[\\p{L}\\p{N}'.@_+-]*[\\p{L}\\p{N}])?");

    private final String text;

    private ToolInputBuilder(String text) {
        this.text = text;
    }

    /** A tool input is always an object, as the top level of every tool's schema must be. */
    static ObjectNode inputFor(JsonNode schema, String userText) {
        return new ToolInputBuilder(userText).object(schema);
    }

    private JsonNode value(String name, JsonNode schema) {
        if (schema.has("const")) {
            return schema.get("const");
        }
        JsonNode values = schema.path("enum");
        if (values.isArray() && !values.isEmpty()) {
            return values.get(0);
        }
        JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.path("oneOf");
        if (alternatives.isArray() && !alternatives.isEmpty()) {
            return value(name, alternatives.get(0));
        }
        return switch (typeOf(schema)) {
            case "object" -> object(schema);
            case "array" -> array(name, schema);
            case "integer" -> integer(bounded(wordAfter(name).map(ToolInputBuilder::asLong), schema));
            case "number" -> DoubleNode.valueOf(bounded(wordAfter(name).map(ToolInputBuilder::asDouble), schema));
            case "boolean" -> BooleanNode.TRUE;
            case "null" -> NullNode.instance;
            default -> TextNode.valueOf(wordAfter(name).orElse("example " + name));
        };
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        for (JsonNode each : type) {
            if (!each.asText().equals("null")) {
                return each.asText();
            }
        }
        if (type.isArray() && !type.isEmpty()) {
            return "null";
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }

    private ObjectNode object(JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        ObjectNode object = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (required.contains(property.getKey()) || mentionOf(property.getKey()).isPresent()) {
                object.set(property.getKey(), value(property.getKey(), property.getValue()));
            }
        }
        for (String name : required) {
            if (!object.has(name)) {
                object.set(name, value(name, Json.object()));
            }
        }
        return object;
    }

    private ArrayNode array(String name, JsonNode schema) {
        int count = Math.max(1, schema.path("minItems").asInt(0));
        if (schema.has("maxItems")) {
            count = Math.min(count, schema.get("maxItems").asInt());
        }
        JsonNode items = schema.path("items");
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = 0; i < count; i++) {
            array.add(value(name, items.isObject() ? items : Json.object()));
        }
        return array;
    }

    /** The number the text gives, else the minimum, else 1; never above the maximum. */
    private static double bounded(Optional<Double> given, JsonNode schema) {
        double value = given.orElse(schema.has("minimum") ? Math.ceil(schema.get("minimum").asDouble()) : 1);
        return schema.has("maximum") ? Math.min(value, schema.get("maximum").asDouble()) : value;
    }

    /** As a JSON parser would read it back: an int where it fits. */
    private static JsonNode integer(double value) {
        long whole = (long) value;
        return whole == (int) whole ? IntNode.valueOf((int) whole) : LongNode.valueOf(whole);
    }

    private static Double asLong(String word) {
        try {
            return (double) Long.parseLong(word);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double asDouble(String word) {
        try {
            return Double.parseDouble(word);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first word after the property's name in the text that is not a stop word. */
    private Optional<String> wordAfter(String name) {
        return mentionOf(name).flatMap(end -> {
            Matcher word = VALUE_WORD.matcher(text).region(end, text.length());
            while (word.find()) {
                if (!ContentWords.isStopWord(word.group().toLowerCase(Locale.ROOT))) {
                    return Optional.of(word.group());
                }
            }
            return Optional.empty();
        });
    }

    /** Where the property's name ends in the text, if the text names it. */
    private Optional<Integer> mentionOf(String name) {
        String spelled = Pattern.quote(name) + "|" + Pattern.quote(name.replace('_', ' '));
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}_])(?:" + spelled + ")(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE).matcher(text);
        return m.find() ? Optional.of(m.end()) : Optional.empty();
    }
}
