package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Claude's Messages API JSON: the whole message, and the events of its stream. */
final class AnthropicMessages {

    private AnthropicMessages() {
    }

    static ObjectNode message(String id, ModelId model, GeneratedAnswer answer, int inputTokens) {
        ObjectNode message = messageHead(id, model);
        message.putArray("content").addObject().put("type", "text").put("text", answer.text());
        message.put("stop_reason", answer.stopReason().wireName());
        message.put("stop_sequence", answer.stopSequence());
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", answer.outputTokens());
        return message;
    }

    static ObjectNode messageStart(String id, ModelId model, int inputTokens, int outputTokensSoFar) {
        ObjectNode message = messageHead(id, model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokensSoFar);
        ObjectNode event = typed("message_start");
        event.set("message", message);
        return event;
    }

    static ObjectNode contentBlockStart() {
        ObjectNode event = typed("content_block_start").put("index", 0);
        event.putObject("content_block").put("type", "text").put("text", "");
        return event;
    }

    static ObjectNode contentBlockDelta(String text) {
        ObjectNode event = typed("content_block_delta").put("index", 0);
        event.putObject("delta").put("type", "text_delta").put("text", text);
        return event;
    }

    static ObjectNode contentBlockStop() {
        return typed("content_block_stop").put("index", 0);
    }

    static ObjectNode messageDelta(GeneratedAnswer answer) {
        ObjectNode event = typed("message_delta");
        event.putObject("delta").put("stop_reason", answer.stopReason().wireName()).put("stop_sequence", answer.stopSequence());
        event.putObject("usage").put("output_tokens", answer.outputTokens());
        return event;
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

    private static ObjectNode messageHead(String id, ModelId model) {
        return Json.object().put("id", id).put("type", "message").put("role", "assistant").put("model", model.anthropicModelName());
    }

    private static ObjectNode typed(String type) {
        return Json.object().put("type", type);
    }
}
