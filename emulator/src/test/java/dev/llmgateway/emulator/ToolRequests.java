package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

/** Two tools (weather and local time), the messages of a tool conversation, and JSON to and from the SDK's Documents. */
final class ToolRequests {
    static final String WEATHER = "get_weather";
    static final String WEATHER_DESCRIPTION = "Get the current weather for a city";
    static final JsonNode WEATHER_SCHEMA = RequestBodies.read("""
            {"type": "object", "properties": {
              "city": {"type": "string", "description": "The city"},
              "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
              "days": {"type": "integer", "minimum": 1}},
             "required": ["city", "unit"]}""");
    static final String TIME = "get_local_time";
    static final String TIME_DESCRIPTION = "Tell the local time somewhere";
    static final JsonNode TIME_SCHEMA = RequestBodies.read("""
            {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}""");
    static final String WEATHER_QUESTION = "What is the weather in the city of Paris?";

    private ToolRequests() {
    }

    static Tool weatherTool() {
        return tool(WEATHER, WEATHER_DESCRIPTION, WEATHER_SCHEMA);
    }

    static Tool timeTool() {
        return tool(TIME, TIME_DESCRIPTION, TIME_SCHEMA);
    }

    static Tool tool(String name, String description, JsonNode schema) {
        return Tool.fromToolSpec(ToolSpecification.builder().name(name).description(description)
                .inputSchema(ToolInputSchema.fromJson(document(schema))).build());
    }

    static ToolConfiguration tools(ToolChoice choice, Tool... tools) {
        return ToolConfiguration.builder().tools(tools).toolChoice(choice).build();
    }

    static ToolChoice auto() {
        return ToolChoice.fromAuto(a -> { });
    }

    static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }

    static Message assistant(List<ContentBlock> content) {
        return Message.builder().role(ConversationRole.ASSISTANT).content(content).build();
    }

    static Message toolResult(String toolUseId, ToolResultStatus status, ToolResultContentBlock... content) {
        return Message.builder().role(ConversationRole.USER)
                .content(ContentBlock.fromToolResult(r -> r.toolUseId(toolUseId).status(status).content(content))).build();
    }

    /** The tokens the emulator counts for a tool definition: its name, description and compact schema. */
    static int definitionTokens(String name, String description, JsonNode schema) {
        return EmulatorTokenizer.count(name) + EmulatorTokenizer.count(description) + EmulatorTokenizer.count(schema.toString());
    }

    static Document document(JsonNode json) {
        if (json.isObject()) {
            Map<String, Document> members = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                members.put(field.getKey(), document(field.getValue()));
            }
            return Document.fromMap(members);
        }
        if (json.isArray()) {
            List<Document> items = new ArrayList<>();
            json.forEach(item -> items.add(document(item)));
            return Document.fromList(items);
        }
        if (json.isNumber()) {
            return json.isIntegralNumber() ? Document.fromNumber(json.longValue()) : Document.fromNumber(json.doubleValue());
        }
        if (json.isBoolean()) {
            return Document.fromBoolean(json.booleanValue());
        }
        return json.isNull() ? Document.fromNull() : Document.fromString(json.asText());
    }

    static JsonNode json(Document document) {
        if (document.isMap()) {
            ObjectNode object = RequestBodies.MAPPER.createObjectNode();
            document.asMap().forEach((key, value) -> object.set(key, json(value)));
            return object;
        }
        if (document.isList()) {
            ArrayNode array = RequestBodies.MAPPER.createArrayNode();
            document.asList().forEach(item -> array.add(json(item)));
            return array;
        }
        if (document.isNumber()) {
            return RequestBodies.read(document.asNumber().toString());
        }
        if (document.isBoolean()) {
            return RequestBodies.MAPPER.getNodeFactory().booleanNode(document.asBoolean());
        }
        return document.isNull() ? RequestBodies.MAPPER.nullNode() : RequestBodies.MAPPER.getNodeFactory().textNode(document.asString());
    }
}
