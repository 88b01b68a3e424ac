package dev.llmgateway.stream;

import dev.llmgateway.anthropic.AnthropicErrors;
import dev.llmgateway.anthropic.AnthropicUsage;
import dev.llmgateway.anthropic.MatchedStopSequence;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.Usage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages API stream: message_start, content_block_*, message_delta, message_stop. The blocks are the
 * reasoning blocks (when reasoning is on), then the text, then one per tool call.
 */
public class AnthropicSseFormat implements SseFormat {

    @Override
    public String start(StreamMeta meta) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", meta.estimatedInputTokens());
        usage.put("output_tokens", 0);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", meta.id());
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", meta.model());
        message.put("content", List.of());
        message.put("stop_reason", null);
        message.put("stop_sequence", null);
        message.put("usage", usage);
        String opening = event("message_start", Map.of("type", "message_start", "message", message));
        return meta.reasoning() ? opening : opening + textStart(meta);
    }

    @Override
    public String reasoningStart(StreamMeta meta, int block) {
        Map<String, Object> thinking = new LinkedHashMap<>();
        thinking.put("type", "thinking");
        thinking.put("thinking", "");
        thinking.put("signature", "");
        return stopBefore(block) + blockStart(block, thinking);
    }

    @Override
    public String reasoningDelta(StreamMeta meta, int block, String text) {
        return event("content_block_delta", Map.of("type", "content_block_delta", "index", block,
                "delta", Map.of("type", "thinking_delta", "thinking", text)));
    }

    @Override
    public String reasoningEnd(StreamMeta meta, int block, ContentBlock.Reasoning whole) {
        return whole.signature() == null ? "" : event("content_block_delta", Map.of("type", "content_block_delta",
                "index", block, "delta", Map.of("type", "signature_delta", "signature", whole.signature())));
    }

    @Override
    public String redactedReasoning(StreamMeta meta, int block, ContentBlock.RedactedReasoning redacted) {
        return stopBefore(block) + blockStart(block, Map.of("type", "redacted_thinking",
                "data", Base64.getEncoder().encodeToString(redacted.data())));
    }

    /** The text is the block after the reasoning blocks, opened once the last of them closes. */
    @Override
    public String textStart(StreamMeta meta) {
        int text = meta.reasoningBlocks();
        return stopBefore(text) + blockStart(text, Map.of("type", "text", "text", ""));
    }

    @Override
    public String delta(StreamMeta meta, String text) {
        return event("content_block_delta", Map.of("type", "content_block_delta", "index", meta.reasoningBlocks(),
                "delta", Map.of("type", "text_delta", "text", text)));
    }

    /** Tool call {@code index} is the block {@code index + 1} after the text, opened once the block before closes. */
    @Override
    public String toolUseStart(StreamMeta meta, int index, String id, String name) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", "tool_use");
        block.put("id", id);
        block.put("name", name);
        block.put("input", Map.of());
        int text = meta.reasoningBlocks();
        return blockStop(text + index) + blockStart(text + index + 1, block);
    }

    @Override
    public String toolUseDelta(StreamMeta meta, int index, String partialJson) {
        return event("content_block_delta", Map.of("type", "content_block_delta",
                "index", meta.reasoningBlocks() + index + 1,
                "delta", Map.of("type", "input_json_delta", "partial_json", partialJson)));
    }

    @Override
    public String finish(StreamMeta meta, String stopReason, Usage usage, int toolCalls) {
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", stopReason == null ? "end_turn" : stopReason);
        delta.put("stop_sequence", MatchedStopSequence.of(stopReason, meta.stopSequences()));
        Map<String, Object> counts = AnthropicUsage.of(usage, meta.reasoning() ? meta.reasoningTokens() : -1);
        return blockStop(meta.reasoningBlocks() + toolCalls)
                + event("message_delta", Map.of("type", "message_delta", "delta", delta, "usage", counts))
                + event("message_stop", Map.of("type", "message_stop"));
    }

    @Override
    public String error(StreamMeta meta, GatewayException error) {
        return event("error", AnthropicErrors.body(error));
    }

    private static String blockStart(int index, Map<String, Object> block) {
        return event("content_block_start", Map.of("type", "content_block_start", "index", index,
                "content_block", block));
    }

    /** Closes the block before this one, if there is one. */
    private static String stopBefore(int index) {
        return index == 0 ? "" : blockStop(index - 1);
    }

    private static String blockStop(int index) {
        return event("content_block_stop", Map.of("type", "content_block_stop", "index", index));
    }

    private static String event(String name, Object body) {
        return "event: " + name + "\ndata: " + new String(Json.bytes(body), StandardCharsets.UTF_8) + "\n\n";
    }
}
