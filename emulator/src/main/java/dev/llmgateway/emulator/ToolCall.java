package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;

/** A tool use: one the model makes in its answer, or one an assistant turn of the conversation made. */
record ToolCall(String id, String name, JsonNode input) {

    int inputTokens() {
        return EmulatorTokenizer.count(name) + EmulatorTokenizer.count(Json.text(input));
    }
}
