package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Converse's provider-neutral JSON: the whole response, and the payloads of ConverseStream events. */
final class ConverseMessages {

    private ConverseMessages() {
    }

    static ObjectNode response(GeneratedAnswer answer, int inputTokens, long latencyMs) {
        ObjectNode response = Json.object();
        ObjectNode message = response.putObject("output").putObject("message").put("role", "assistant");
        message.putArray("content").addObject().put("text", answer.text());
        response.put("stopReason", answer.stopReason().wireName());
        response.set("usage", usage(inputTokens, answer.outputTokens()));
        response.putObject("metrics").put("latencyMs", latencyMs);
        return response;
    }

    static ObjectNode messageStart() {
        return Json.object().put("role", "assistant");
    }

    static ObjectNode contentBlockDelta(String text) {
        ObjectNode event = Json.object().put("contentBlockIndex", 0);
        event.putObject("delta").put("text", text);
        return event;
    }

    static ObjectNode contentBlockStop() {
        return Json.object().put("contentBlockIndex", 0);
    }

    static ObjectNode messageStop(GeneratedAnswer answer) {
        return Json.object().put("stopReason", answer.stopReason().wireName());
    }

    static ObjectNode metadata(int inputTokens, int outputTokens, long latencyMs) {
        ObjectNode event = Json.object();
        event.set("usage", usage(inputTokens, outputTokens));
        event.putObject("metrics").put("latencyMs", latencyMs);
        return event;
    }

    private static ObjectNode usage(int inputTokens, int outputTokens) {
        return Json.object().put("inputTokens", inputTokens).put("outputTokens", outputTokens)
                .put("totalTokens", inputTokens + outputTokens);
    }
}
