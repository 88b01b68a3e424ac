package dev.llmgateway.chat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The caller wants the answer as JSON matching a schema (OpenAI {@code response_format} {@code json_schema}, or
 * {@code json_object}: any JSON object).
 *
 * @param name   the schema's name, which the forced answer tool takes ({@link ToolSpec#NAME_RULE})
 * @param schema the JSON Schema of the answer, an object schema
 */
public record ResponseFormat(String name, JsonNode schema) {

    /** @return whether the schema allows any JSON object and nothing else */
    public boolean anyObject() {
        return schema.size() == 1 && "object".equals(schema.path("type").asText());
    }
}
