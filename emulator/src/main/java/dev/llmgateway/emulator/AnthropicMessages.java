package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Claude's Messages API JSON: the whole message, and the events of its stream. */
final class AnthropicMessages {

    private AnthropicMessages() {
    }

    static ObjectNode message(String id, ModelId model, GeneratedAnswer answer,
                              PromptCacheSimulator.PromptTokens prompt) {
        ObjectNode message = messageHead(id, model);
        ArrayNode content = message.putArray("content");
        for (AnswerBlock block : answer.blocks()) {
            if (block instanceof AnswerBlock.ToolUse use) {
                toolUse(content.addObject(), use.call()).set("input", use.call().input());
            } else {
                content.addObject().put("type", "text").put("text", ((AnswerBlock.Text) block).text());
            }
        }
        message.put("stop_reason", answer.stopReason().wireName());
        message.put("stop_sequence", answer.stopSequence());
        usage(message, prompt).put("output_tokens", answer.outputTokens());
        return message;
    }

    static ObjectNode messageStart(String id, ModelId model, PromptCacheSimulator.PromptTokens prompt,
                                   int outputTokensSoFar) {
        ObjectNode message = messageHead(id, model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        usage(message, prompt).put("output_tokens", outputTokensSoFar);
        ObjectNode event = typed("message_start");
        event.set("message", message);
        return event;
    }

    static ObjectNode contentBlockStart(int index, AnswerBlock block) {
        ObjectNode event = typed("content_block_start").put("index", index);
        if (block instanceof AnswerBlock.ToolUse use) {
            toolUse(event.putObject("content_block"), use.call()).putObject("input");
        } else {
            event.putObject("content_block").put("type", "text").put("text", "");
        }
        return event;
    }

    static ObjectNode textDelta(int index, String text) {
        ObjectNode event = typed("content_block_delta").put("index", index);
        event.putObject("delta").put("type", "text_delta").put("text", text);
        return event;
    }

    /** A fragment of the tool input's JSON text. */
    static ObjectNode inputJsonDelta(int index, String partialJson) {
        ObjectNode event = typed("content_block_delta").put("index", index);
        event.putObject("delta").put("type", "input_json_delta").put("partial_json", partialJson);
        return event;
    }

    static ObjectNode contentBlockStop(int index) {
        return typed("content_block_stop").put("index", index);
    }

    static ObjectNode messageDelta(GeneratedAnswer answer) {
        ObjectNode event = typed("message_delta");
        event.putObject("delta").put("stop_reason", answer.stopReason().wireName()).put("stop_sequence", answer.stopSequence());
        event.putObject("usage").put("output_tokens", answer.outputTokens());
        return event;
    }

    /** Anthropic's usage: input_tokens leaves out the prompt-cache reads and writes, counted in fields of their own. */
    private static ObjectNode usage(ObjectNode message, PromptCacheSimulator.PromptTokens prompt) {
        return message.putObject("usage").put("input_tokens", prompt.inputTokens())
                .put("cache_creation_input_tokens", prompt.cacheWriteTokens())
                .put("cache_read_input_tokens", prompt.cacheReadTokens());
    }

    static ObjectNode messageStop(int inputTokens, int outputTokens, long invocationLatencyMs, long firstByteLatencyMs) {
        ObjectNode event = typed("message_stop");
        event.putObject("amazon-bedrock-invocationMetrics")
                .put("inputTokenCount", inputTokens)
                .put("outputTokenCount", outputTokens)
                .put("invocationLatency", invocationLatencyMs)
                .put("firstByteLatency", firstByteLatencyMs);
        return event;
    }

    private static ObjectNode toolUse(ObjectNode node, ToolCall call) {
        return node.put("type", "tool_use").put("id", call.id()).put("name", call.name());
    }

    private static ObjectNode messageHead(String id, ModelId model) {
        return Json.object().put("id", id).put("type", "message").put("role", "assistant").put("model", model.anthropicModelName());
    }

    private static ObjectNode typed(String type) {
        return Json.object().put("type", type);
    }
}
