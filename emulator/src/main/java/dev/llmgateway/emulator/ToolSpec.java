package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool the request offers the model: its name, description and the JSON schema of its input. */
record ToolSpec(String name, String description, JsonNode inputSchema) {

    /** A tool definition costs the tokens of its name, its description and its schema's compact JSON text. */
    int inputTokens() {
        return EmulatorTokenizer.count(name) + EmulatorTokenizer.count(description) + EmulatorTokenizer.count(Json.text(inputSchema));
    }
}
