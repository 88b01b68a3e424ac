package dev.llmgateway.chat;

import com.fasterxml.jackson.databind.JsonNode;

/** One piece of a message's content, in the gateway's own terms. */
public sealed interface ContentBlock permits ContentBlock.Text, ContentBlock.ToolUse, ContentBlock.ToolResult {

    /** Text. */
    record Text(String text) implements ContentBlock {
    }

    /**
     * The model asking for a tool call.
     *
     * @param id    pairs the call with its {@link ToolResult}
     * @param name  the tool's name, as the request declared it
     * @param input the tool's arguments, a JSON object
     */
    record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
    }

    /**
     * What a tool answered.
     *
     * @param toolUseId the {@link ToolUse} it answers
     * @param content   the answer, as text (JSON answers as their JSON text)
     * @param error     whether the tool failed (the content then says how)
     */
    record ToolResult(String toolUseId, String content, boolean error) implements ContentBlock {
    }
}
