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
 * @param reasoning  the model's {@link ContentBlock.Reasoning} and {@link ContentBlock.RedactedReasoning} blocks,
 *                   before its text (empty when none)
 */
public record ChatResponse(String text, String stopReason, Usage usage, String region, String modelId,
                           List<ContentBlock.ToolUse> toolUses, List<ContentBlock> reasoning) implements UpstreamUsage {

    public ChatResponse {
        toolUses = toolUses == null ? List.of() : List.copyOf(toolUses);
        reasoning = reasoning == null ? List.of() : List.copyOf(reasoning);
    }

    /** An answer without reasoning. */
    public ChatResponse(String text, String stopReason, Usage usage, String region, String modelId,
                        List<ContentBlock.ToolUse> toolUses) {
        this(text, stopReason, usage, region, modelId, toolUses, List.of());
    }

    /** An answer of text only. */
    public ChatResponse(String text, String stopReason, Usage usage, String region, String modelId) {
        this(text, stopReason, usage, region, modelId, List.of());
    }

}
