package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the {@code tools} ({@code [{name, description, input_schema}]}) and {@code tool_choice}
 * ({@code {type: auto | any | tool | none, name}}) of an Anthropic Messages body, rejecting them as Bedrock's
 * schema check of the body does.
 */
final class AnthropicTools {
    static final String TOOL_USE_ID_PREFIX = "toolu_bdrk_01";
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private AnthropicTools() {
    }

    static ToolSet parse(JsonNode body) {
        JsonNode tools = body.path("tools");
        if (tools.isMissingNode() || tools.isNull()) {
            return ToolSet.NONE;
        }
        if (!tools.isArray()) {
            throw BedrockFailure.malformedInput("#/tools: expected type: JSONArray, found: " + tools.getNodeType());
        }
        List<ToolSpec> specs = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            for (String key : List.of("name", "input_schema")) {
                if (!tool.hasNonNull(key)) {
                    throw BedrockFailure.malformedInput("#/tools/" + i + ": required key [" + key + "] not found");
                }
            }
            String name = tool.get("name").asText();
            if (!NAME.matcher(name).matches()) {
                throw BedrockFailure.malformedInput("#/tools/" + i + "/name: string [" + name + "] does not match pattern "
                        + NAME.pattern());
            }
            specs.add(new ToolSpec(name, tool.path("description").asText(""), tool.get("input_schema")));
        }
        return new ToolSet(specs, choice(body.path("tool_choice"), specs), TOOL_USE_ID_PREFIX);
    }

    private static ToolChoice choice(JsonNode choice, List<ToolSpec> specs) {
        String type = choice.path("type").asText("auto");
        switch (type) {
            case "auto":
                return ToolChoice.AUTO;
            case "any":
                return ToolChoice.ANY;
            case "none":
                return ToolChoice.NONE;
            case "tool":
                break;
            default:
                throw BedrockFailure.malformedInput("#/tool_choice/type: " + type + " is not a valid enum value");
        }
        if (!choice.hasNonNull("name")) {
            throw BedrockFailure.malformedInput("#/tool_choice: required key [name] not found");
        }
        String name = choice.get("name").asText();
        if (specs.stream().noneMatch(spec -> spec.name().equals(name))) {
            throw BedrockFailure.validation("tool_choice.name: there is no tool named " + name + " in tools.");
        }
        return ToolChoice.tool(name);
    }
}
