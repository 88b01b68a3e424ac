package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A tool result in a user turn.
 *
 * @param blockIndex its position among the message's content blocks
 * @param content its content blocks: a text as a JSON string, JSON as itself
 */
record ToolResult(String toolUseId, int blockIndex, List<JsonNode> content, boolean error) {

    ToolResult {
        content = List.copyOf(content);
    }

    int inputTokens() {
        return content.stream().mapToInt(c -> EmulatorTokenizer.count(c.isTextual() ? c.asText() : Json.text(c))).sum();
    }
}
