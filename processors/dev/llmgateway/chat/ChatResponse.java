package dev.llmgateway.chat;

import java.util.List;

/**
 * What the upstream model answered, in the gateway's own terms.
 *
 * @param text       the assistant's text
 * @param stopReason why the model stopped, in Bedrock's and Anthropic's terms (end_turn, max_tokens,
 *                   stop_sequence, ...); each API format maps it to its own
 * @param usage      tokens read and written
 * @param region     the region that answered
 * @param modelId    the Bedrock model id or inference profile that answered
 * @param toolUses   the tool calls the model asked for, after its text (empty when none)
 */
public record ChatResponse(String text, String stopReason, Usage usage, String region, String modelId,
                           List<ContentBlock.ToolUse> toolUses) implements UpstreamUsage {

    public ChatResponse {
        toolUses = toolUses == null ? List.of() : List.copyOf(toolUses);
    }

    /** An answer of text only. */
    public ChatResponse(String text, String stopReason, Usage usage, String region, String modelId) {
        this(text, stopReason, usage, region, modelId, List.of());
    }

}
