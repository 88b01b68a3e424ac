package dev.llmgateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.ResponseFormat;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.openai.OpenAiTools;
import java.util.ArrayList;
import java.util.List;

/** Reads a Responses request's function tools, its tool choice and its text format (structured output). */
final class ResponsesTools {

    private ResponsesTools() {
    }

    static List<ToolSpec> tools(JsonNode body) {
        JsonNode array = JsonFields.optionalArray(body, "tools");
        if (array == null) {
            return List.of();
        }
        List<ToolSpec> tools = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode tool = JsonFields.requiredObject(array.get(i), at);
            String type = JsonFields.requiredString(tool, "type", at);
            if (!"function".equals(type)) {
                throw GatewayException.invalidRequest("unsupported_parameter", at + ".type '" + type
                        + "' is not supported: built-in tools (web_search, file_search, code_interpreter, ...) run "
                        + "at OpenAI and Bedrock has none; only function tools are served.");
            }
            ResponsesFields.TOOL.check(tool, at + ".");
            tools.add(OpenAiTools.function(tool, at));
        }
        return tools;
    }

    static ToolChoice toolChoice(JsonNode body, boolean toolsSent) {
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return toolsSent ? ToolChoice.AUTO : null;
        }
        if (choice.isTextual()) {
            return OpenAiTools.choice(choice.textValue());
        }
        JsonNode object = JsonFields.requiredObject(choice, "tool_choice");
        String type = JsonFields.requiredString(object, "type", "tool_choice");
        if (!"function".equals(type)) {
            throw GatewayException.invalidRequest("unsupported_parameter", "tool_choice.type '" + type
                    + "' is not supported; name a function, or send none, auto or required.");
        }
        ResponsesFields.TOOL_CHOICE.check(object, "tool_choice.");
        return ToolChoice.tool(JsonFields.requiredString(object, "name", "tool_choice"));
    }

    /** text.format: null for text (or none), else the schema the answer must be JSON of. */
    static ResponseFormat responseFormat(JsonNode body) {
        JsonNode text = body.get("text");
        if (text == null || text.isNull()) {
            return null;
        }
        ResponsesFields.TEXT.check(JsonFields.requiredObject(text, "text"), "text.");
        JsonNode format = text.get("format");
        if (format == null || format.isNull()) {
            return null;
        }
        JsonFields.requiredObject(format, "text.format");
        ResponsesFields.FORMAT.check(format, "text.format.");
        String type = JsonFields.requiredString(format, "type", "text.format");
        return switch (type) {
            case "text" -> null;
            case "json_object" ->
                    new ResponseFormat("json_object", Json.MAPPER.createObjectNode().put("type", "object"));
            case "json_schema" -> new ResponseFormat(
                    OpenAiTools.name(JsonFields.requiredString(format, "name", "text.format"), "text.format.name"),
                    JsonFields.requiredObject(format.get("schema"), "text.format.schema"));
            default -> throw GatewayException.invalidRequest("invalid_value", "text.format.type '" + type
                    + "' is not one of text, json_object or json_schema.");
        };
    }
}
