package dev.llmgateway.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/** JSON trees to and from the AWS SDK's Document, the type Converse gives tool schemas and tool inputs. */
public final class Documents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Documents() {
    }

    public static Document of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Document.fromNull();
        }
        if (node.isObject()) {
            Map<String, Document> members = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                members.put(field.getKey(), of(field.getValue()));
            }
            return Document.fromMap(members);
        }
        if (node.isArray()) {
            List<Document> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(of(item)));
            return Document.fromList(items);
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        if (node.isNumber()) {
            return Document.fromNumber(SdkNumber.fromString(node.asText()));
        }
        return Document.fromString(node.asText());
    }

    public static JsonNode json(Document document) {
        if (document == null || document.isNull()) {
            return NODES.nullNode();
        }
        if (document.isMap()) {
            ObjectNode object = NODES.objectNode();
            document.asMap().forEach((name, value) -> object.set(name, json(value)));
            return object;
        }
        if (document.isList()) {
            ArrayNode array = NODES.arrayNode();
            document.asList().forEach(item -> array.add(json(item)));
            return array;
        }
        if (document.isBoolean()) {
            return NODES.booleanNode(document.asBoolean());
        }
        if (document.isNumber()) {
            return NODES.numberNode(document.asNumber().bigDecimalValue());
        }
        return NODES.textNode(document.asString());
    }
}
