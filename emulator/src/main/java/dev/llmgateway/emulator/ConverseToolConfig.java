package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads Converse's {@code toolConfig}: {@code tools: [{toolSpec: {name, description, inputSchema: {json}}}]}
 * and {@code toolChoice: {auto: {}} | {any: {}} | {tool: {name}}}, checking names against the service model.
 */
final class ConverseToolConfig {
    static final String TOOL_USE_ID_PREFIX = "tooluse_";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]+");
    private static final int MAX_NAME_LENGTH = 64;

    private ConverseToolConfig() {
    }

    static ToolSet parse(JsonNode toolConfig) {
        if (toolConfig.isMissingNode() || toolConfig.isNull()) {
            return ToolSet.NONE;
        }
        JsonNode tools = toolConfig.path("tools");
        if (!tools.isArray()) {
            throw BedrockFailure.constraintViolated("null", "toolConfig.tools", "Member must not be null");
        }
        if (tools.isEmpty()) {
            throw BedrockFailure.constraintViolated("'[]'", "toolConfig.tools", "Member must have length greater than or equal to 1");
        }
        List<ToolSpec> specs = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            // Entries without a toolSpec (a cachePoint, say) offer no tool.
            JsonNode spec = tools.get(i).path("toolSpec");
            if (spec.isObject()) {
                String name = checkedName(spec.path("name"), "toolConfig.tools." + (i + 1) + ".member.toolSpec.name");
                JsonNode schema = spec.path("inputSchema").path("json");
                specs.add(new ToolSpec(name, spec.path("description").asText(""), schema.isObject() ? schema : Json.object()));
            }
        }
        return new ToolSet(specs, choice(toolConfig.path("toolChoice"), specs), TOOL_USE_ID_PREFIX);
    }

    private static ToolChoice choice(JsonNode choice, List<ToolSpec> specs) {
        if (choice.has("any")) {
            return ToolChoice.ANY;
        }
        if (!choice.has("tool")) {
            return ToolChoice.AUTO;
        }
        String name = checkedName(choice.path("tool").path("name"), "toolConfig.toolChoice.tool.name");
        if (specs.stream().noneMatch(spec -> spec.name().equals(name))) {
            throw BedrockFailure.validation("The tool " + name + " named in toolConfig.toolChoice is not in toolConfig.tools.");
        }
        return ToolChoice.tool(name);
    }

    private static String checkedName(JsonNode node, String memberPath) {
        if (!node.isTextual()) {
            throw BedrockFailure.constraintViolated("null", memberPath, "Member must not be null");
        }
        String name = node.asText();
        String value = "'" + name + "'";
        if (name.isEmpty()) {
            throw BedrockFailure.constraintViolated(value, memberPath, "Member must have length greater than or equal to 1");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw BedrockFailure.constraintViolated(value, memberPath, "Member must have length less than or equal to " + MAX_NAME_LENGTH);
        }
        if (!NAME.matcher(name).matches()) {
            throw BedrockFailure.constraintViolated(value, memberPath, "Member must satisfy regular expression pattern: " + NAME.pattern());
        }
        return name;
    }
}
