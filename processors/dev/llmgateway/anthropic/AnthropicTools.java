package dev.llmgateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.CacheControl;
import dev.llmgateway.http.JsonFields;
import java.util.ArrayList;
import java.util.List;

/** Reads the tools and tool_choice of an Anthropic Messages request. */
final class AnthropicTools {

    private AnthropicTools() {
    }

    static List<ToolSpec> tools(JsonNode body) {
        JsonNode array = JsonFields.optionalArray(body, "tools");
        if (array == null) {
            return List.of();
        }
        List<ToolSpec> tools = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode tool = array.get(i);
            if (!tool.isObject()) {
                throw JsonFields.wrongType(at, "an object", tool);
            }
            AnthropicMessagesFields.TOOL.check(tool, at + ".");
            String type = JsonFields.optionalString(tool, "type");
            if (type != null && !"custom".equals(type)) {
                throw GatewayException.invalidRequest("unsupported_parameter", at + ".type '" + type
                        + "' is not supported: Anthropic's server tools do not run on Bedrock; declare your own tool.");
            }
            String name = JsonFields.requiredString(tool, "name");
            if (!ToolSpec.validName(name)) {
                throw GatewayException.invalidRequest("invalid_value",
                        at + ".name must be " + ToolSpec.NAME_RULE + ".");
            }
            JsonNode schema = tool.get("input_schema");
            if (schema == null || schema.isNull()) {
                throw JsonFields.missing(at + ".input_schema");
            }
            if (!schema.isObject()) {
                throw JsonFields.wrongType(at + ".input_schema", "a JSON Schema object", schema);
            }
            tools.add(new ToolSpec(name, JsonFields.optionalString(tool, "description"), schema,
                    CacheControl.read(tool, at + ".")));
        }
        return tools;
    }

    /** @return whether the tool choice asks for one tool call at a time (read after {@link #toolChoice} checked it) */
    static boolean oneToolCall(JsonNode body) {
        JsonNode choice = body.get("tool_choice");
        return choice != null && choice.isObject()
                && JsonFields.optionalBoolean(choice, "disable_parallel_tool_use");
    }

    static ToolChoice toolChoice(JsonNode body, boolean toolsSent) {
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return toolsSent ? ToolChoice.AUTO : null;
        }
        if (!choice.isObject()) {
            throw JsonFields.wrongType("tool_choice", "an object", choice);
        }
        AnthropicMessagesFields.TOOL_CHOICE.check(choice, "tool_choice.");
        String type = JsonFields.requiredString(choice, "type");
        return switch (type) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.ANY;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.tool(JsonFields.requiredString(choice, "name"));
            default -> throw GatewayException.invalidRequest("invalid_value", "tool_choice.type '" + type
                    + "' is not one of auto, any, tool or none.");
        };
    }
}
