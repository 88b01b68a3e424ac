package dev.llmgateway.stream;

import dev.llmgateway.bedrock.FinishReasons;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.openai.OpenAiReasoning;
import dev.llmgateway.openai.OpenAiUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenAI's chat.completion.chunk events, ending with {@code data: [DONE]}. */
public class OpenAiSseFormat implements SseFormat {

    @Override
    public String start(StreamMeta meta) {
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("role", "assistant");
        delta.put("content", "");
        return chunk(meta, delta, null);
    }

    /** Reasoning streams as {@code reasoning_content}, as DeepSeek and LiteLLM stream it; nothing opens it. */
    @Override
    public String reasoningStart(StreamMeta meta, int block) {
        return "";
    }

    @Override
    public String reasoningDelta(StreamMeta meta, int block, String text) {
        return chunk(meta, Map.of("reasoning_content", text), null);
    }

    /** The whole block with its signature, as {@code thinking_blocks}, for the client to send back. */
    @Override
    public String reasoningEnd(StreamMeta meta, int block, ContentBlock.Reasoning whole) {
        return chunk(meta, Map.of("thinking_blocks", OpenAiReasoning.thinkingBlocks(List.of(whole))), null);
    }

    @Override
    public String redactedReasoning(StreamMeta meta, int block, ContentBlock.RedactedReasoning redacted) {
        return chunk(meta, Map.of("thinking_blocks", OpenAiReasoning.thinkingBlocks(List.of(redacted))), null);
    }

    @Override
    public String textStart(StreamMeta meta) {
        return "";
    }

    @Override
    public String delta(StreamMeta meta, String text) {
        return chunk(meta, Map.of("content", text), null);
    }

    @Override
    public String toolUseStart(StreamMeta meta, int index, String id, String name) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        function.put("arguments", "");
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("index", index);
        call.put("id", id);
        call.put("type", "function");
        call.put("function", function);
        return chunk(meta, Map.of("tool_calls", List.of(call)), null);
    }

    @Override
    public String toolUseDelta(StreamMeta meta, int index, String partialJson) {
        return chunk(meta, Map.of("tool_calls", List.of(Map.of("index", index,
                "function", Map.of("arguments", partialJson)))), null);
    }

    @Override
    public String finish(StreamMeta meta, String stopReason, Usage usage, int toolCalls) {
        String last = chunk(meta, Map.of(), FinishReasons.fromBedrock(stopReason));
        if (meta.includeUsage()) {
            Map<String, Object> body = envelope(meta);
            body.put("choices", List.of());
            body.put("usage", OpenAiUsage.of(usage, meta.reasoningTokens()));
            last += event(body);
        }
        return last + "data: [DONE]\n\n";
    }

    @Override
    public String error(StreamMeta meta, GatewayException error) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", error.getMessage());
        detail.put("type", error.type());
        detail.put("param", null);
        detail.put("code", error.code());
        return event(Map.of("error", detail));
    }

    private static String chunk(StreamMeta meta, Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> body = envelope(meta);
        List<Object> choices = new ArrayList<>();
        choices.add(choice);
        body.put("choices", choices);
        if (meta.includeUsage()) {
            body.put("usage", null);
        }
        return event(body);
    }

    private static Map<String, Object> envelope(StreamMeta meta) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", meta.id());
        body.put("object", "chat.completion.chunk");
        body.put("created", meta.created());
        body.put("model", meta.model());
        return body;
    }

    private static String event(Object body) {
        return "data: " + new String(Json.bytes(body), StandardCharsets.UTF_8) + "\n\n";
    }
}
