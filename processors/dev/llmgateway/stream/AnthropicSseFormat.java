package dev.llmgateway.stream;

import dev.llmgateway.anthropic.AnthropicErrors;
import dev.llmgateway.anthropic.AnthropicUsage;
import dev.llmgateway.anthropic.MatchedStopSequence;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.Usage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Anthropic's Messages API stream: message_start, content_block_*, message_delta, message_stop. */
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
        return event("message_start", Map.of("type", "message_start", "message", message))
                + event("content_block_start", Map.of("type", "content_block_start", "index", 0,
                        "content_block", Map.of("type", "text", "text", "")));
    }

    @Override
    public String delta(StreamMeta meta, String text) {
        return event("content_block_delta", Map.of("type", "content_block_delta", "index", 0,
                "delta", Map.of("type", "text_delta", "text", text)));
    }

    /** The text is block 0; tool call {@code index} is block {@code index + 1}, opened once the block before closes. */
    @Override
    public String toolUseStart(StreamMeta meta, int index, String id, String name) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", "tool_use");
        block.put("id", id);
        block.put("name", name);
        block.put("input", Map.of());
        return blockStop(index)
                + event("content_block_start", Map.of("type", "content_block_start", "index", index + 1,
                        "content_block", block));
    }

    @Override
    public String toolUseDelta(StreamMeta meta, int index, String partialJson) {
        return event("content_block_delta", Map.of("type", "content_block_delta", "index", index + 1,
                "delta", Map.of("type", "input_json_delta", "partial_json", partialJson)));
    }

    @Override
    public String finish(StreamMeta meta, String stopReason, Usage usage, int toolCalls) {
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", stopReason == null ? "end_turn" : stopReason);
        delta.put("stop_sequence", MatchedStopSequence.of(stopReason, meta.stopSequences()));
        return blockStop(toolCalls)
                + event("message_delta", Map.of("type", "message_delta", "delta", delta,
                        "usage", AnthropicUsage.of(usage)))
                + event("message_stop", Map.of("type", "message_stop"));
    }

    @Override
    public String error(StreamMeta meta, GatewayException error) {
        return event("error", AnthropicErrors.body(error));
    }

    private static String blockStop(int index) {
        return event("content_block_stop", Map.of("type", "content_block_stop", "index", index));
    }

    private static String event(String name, Object body) {
        return "event: " + name + "\ndata: " + new String(Json.bytes(body), StandardCharsets.UTF_8) + "\n\n";
    }
}
