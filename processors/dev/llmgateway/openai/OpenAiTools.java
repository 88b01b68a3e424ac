package dev.llmgateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.ResponseFormat;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.CacheControl;
import dev.llmgateway.http.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the tool parts of an OpenAI chat completion request: tools, tool_choice, an assistant's tool_calls, and
 * response_format (structured output is a forced tool call on Bedrock).
 */
public final class OpenAiTools {

    private OpenAiTools() {
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
            OpenAiChatFields.TOOL.check(tool, at + ".");
            if (!"function".equals(JsonFields.requiredString(tool, "type", at))) {
                throw GatewayException.invalidRequest("unsupported_parameter", at + ".type '"
                        + tool.get("type").asText()
                        + "' is not supported; only function tools are served.");
            }
            JsonNode function = JsonFields.requiredObject(tool.get("function"), at + ".function");
            OpenAiChatFields.FUNCTION.check(function, at + ".function.");
            ToolSpec spec = function(function, at + ".function");
            tools.add(new ToolSpec(spec.name(), spec.description(), spec.inputSchema(),
                    CacheControl.read(tool, at + ".")));
        }
        return tools;
    }

    /**
     * A function tool from its name, description and parameters (its fields already checked by the API's rules).
     *
     * @param at where the object is, for errors ("tools[2].function")
     */
    public static ToolSpec function(JsonNode function, String at) {
        String name = name(JsonFields.requiredString(function, "name", at), at + ".name");
        JsonNode description = function.get("description");
        if (description != null && !description.isNull() && !description.isTextual()) {
            throw JsonFields.wrongType(at + ".description", "a string", description);
        }
        JsonNode parameters = function.get("parameters");
        if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
            throw JsonFields.wrongType(at + ".parameters", "a JSON Schema object", parameters);
        }
        return new ToolSpec(name, description == null || description.isNull() ? null : description.textValue(),
                parameters == null || parameters.isNull() ? emptyObjectSchema() : parameters);
    }

    static ToolChoice toolChoice(JsonNode body, boolean toolsSent) {
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return toolsSent ? ToolChoice.AUTO : null;
        }
        if (choice.isTextual()) {
            return choice(choice.textValue());
        }
        JsonNode object = JsonFields.requiredObject(choice, "tool_choice");
        if (!"function".equals(JsonFields.requiredString(object, "type", "tool_choice"))) {
            throw GatewayException.invalidRequest("unsupported_parameter", "tool_choice.type '"
                    + object.get("type").asText()
                    + "' is not supported; name a function, or send none, auto or required.");
        }
        JsonNode function = JsonFields.requiredObject(object.get("function"), "tool_choice.function");
        return ToolChoice.tool(JsonFields.requiredString(function, "name", "tool_choice.function"));
    }

    /** A tool_choice given as a string: none, auto or required. */
    public static ToolChoice choice(String value) {
        return switch (value) {
            case "auto" -> ToolChoice.AUTO;
            case "required" -> ToolChoice.ANY;
            case "none" -> ToolChoice.NONE;
            default -> throw GatewayException.invalidRequest("invalid_value", "tool_choice '" + value
                    + "' is not one of none, auto, required or a named function.");
        };
    }

    /** The response_format: null for text (or none), else the schema the answer must be JSON of. */
    static ResponseFormat responseFormat(JsonNode body) {
        JsonNode format = body.get("response_format");
        if (format == null || format.isNull()) {
            return null;
        }
        JsonNode object = JsonFields.requiredObject(format, "response_format");
        OpenAiChatFields.RESPONSE_FORMAT.check(object, "response_format.");
        String type = JsonFields.requiredString(object, "type", "response_format");
        return switch (type) {
            case "text" -> null;
            case "json_object" ->
                    new ResponseFormat("json_object", Json.MAPPER.createObjectNode().put("type", "object"));
            case "json_schema" -> {
                JsonNode schema = JsonFields.requiredObject(object.get("json_schema"), "response_format.json_schema");
                OpenAiChatFields.JSON_SCHEMA.check(schema, "response_format.json_schema.");
                String name = name(JsonFields.requiredString(schema, "name", "response_format.json_schema"),
                        "response_format.json_schema.name");
                yield new ResponseFormat(name,
                        JsonFields.requiredObject(schema.get("schema"), "response_format.json_schema.schema"));
            }
            default -> throw GatewayException.invalidRequest("invalid_value", "response_format.type '" + type
                    + "' is not one of text, json_object or json_schema.");
        };
    }

    /** The tool calls of an assistant turn, as tool-use blocks (their arguments parsed). */
    static List<ContentBlock> toolCalls(JsonNode calls, String at) {
        if (!calls.isArray()) {
            throw JsonFields.wrongType(at, "an array", calls);
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            String callAt = at + "[" + i + "]";
            JsonNode call = JsonFields.requiredObject(calls.get(i), callAt);
            OpenAiChatFields.TOOL_CALL.check(call, callAt + ".");
            if (!"function".equals(JsonFields.requiredString(call, "type", callAt))) {
                throw GatewayException.invalidRequest("unsupported_parameter", callAt + ".type '"
                        + call.get("type").asText() + "' is not supported; only function calls are served.");
            }
            JsonNode function = JsonFields.requiredObject(call.get("function"), callAt + ".function");
            OpenAiChatFields.CALLED_FUNCTION.check(function, callAt + ".function.");
            String functionAt = callAt + ".function";
            blocks.add(new ContentBlock.ToolUse(JsonFields.requiredString(call, "id", callAt),
                    name(JsonFields.requiredString(function, "name", functionAt), functionAt + ".name"),
                    arguments(JsonFields.requiredString(function, "arguments", functionAt),
                            functionAt + ".arguments")));
        }
        return blocks;
    }

    /** A function call's arguments as sent (a JSON object as a string), parsed; anything else is a 400 naming it. */
    public static JsonNode arguments(String arguments, String at) {
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(arguments.isBlank() ? "{}" : arguments);
        } catch (JsonProcessingException e) {
            throw GatewayException.invalidRequest("invalid_value", at + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (!parsed.isObject()) {
            throw GatewayException.invalidRequest("invalid_value", at + " must be a JSON object.");
        }
        return parsed;
    }

    /** The name, when Bedrock takes it as a tool's name; else a 400 naming where it was. */
    public static String name(String name, String at) {
        if (!ToolSpec.validName(name)) {
            throw GatewayException.invalidRequest("invalid_value", at + " must be " + ToolSpec.NAME_RULE
                    + " (Bedrock's rule); rename the tool.");
        }
        return name;
    }



    private static JsonNode emptyObjectSchema() {
        return Json.MAPPER.createObjectNode().put("type", "object");
    }
}
