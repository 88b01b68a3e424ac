package dev.llmgateway.chat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool the caller offers the model.
 *
 * @param name        how the model names it in a tool call ({@link #NAME_RULE})
 * @param description what it does, for the model; may be null
 * @param inputSchema the JSON Schema of its arguments, an object schema
 * @param cachePoint  a prompt-cache breakpoint after this tool's definition, or null
 */
public record ToolSpec(String name, String description, JsonNode inputSchema, ContentBlock.CachePoint cachePoint) {

    /** A tool with no cache breakpoint after it. */
    public ToolSpec(String name, String description, JsonNode inputSchema) {
        this(name, description, inputSchema, null);
    }

    /** Bedrock's rule for a tool name, which both APIs share. */
    public static final String NAME_RULE = "1 to 64 letters, digits, underscores or hyphens";

    /** @return whether Bedrock takes the name */
    public static boolean validName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
