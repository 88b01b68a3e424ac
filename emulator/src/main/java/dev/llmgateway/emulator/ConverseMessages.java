package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Converse's provider-neutral JSON: the whole response, and the payloads of ConverseStream events. */
final class ConverseMessages {

    private ConverseMessages() {
    }

    static ObjectNode response(GeneratedAnswer answer, PromptCacheSimulator.PromptTokens prompt, long latencyMs) {
        ObjectNode response = Json.object();
        ObjectNode message = response.putObject("output").putObject("message").put("role", "assistant");
        ArrayNode content = message.putArray("content");
        for (AnswerBlock block : answer.blocks()) {
            if (block instanceof AnswerBlock.ToolUse use) {
                toolUse(content.addObject().putObject("toolUse"), use.call()).set("input", use.call().input());
            } else if (block instanceof AnswerBlock.Reasoning reasoning) {
                content.addObject().putObject("reasoningContent").putObject("reasoningText")
                        .put("text", reasoning.text()).put("signature", reasoning.signature());
            } else if (block instanceof AnswerBlock.RedactedReasoning redacted) {
                content.addObject().putObject("reasoningContent").put("redactedContent", redacted.data());
            } else {
                content.addObject().put("text", ((AnswerBlock.Text) block).text());
            }
        }
        response.put("stopReason", answer.stopReason().wireName());
        response.set("usage", usage(prompt, answer.outputTokens()));
        response.putObject("metrics").put("latencyMs", latencyMs);
        return response;
    }

    static ObjectNode messageStart() {
        return Json.object().put("role", "assistant");
    }

    /** Sent for tool use blocks only: a text block starts with its first delta. */
    static ObjectNode toolUseBlockStart(int index, ToolCall call) {
        ObjectNode event = Json.object().put("contentBlockIndex", index);
        toolUse(event.putObject("start").putObject("toolUse"), call);
        return event;
    }

    static ObjectNode textDelta(int index, String text) {
        ObjectNode event = Json.object().put("contentBlockIndex", index);
        event.putObject("delta").put("text", text);
        return event;
    }

    /** A piece of a reasoning block: text, its {@code signature}, or {@code redactedContent} (base64). */
    static ObjectNode reasoningDelta(int index, String part, String value) {
        ObjectNode event = Json.object().put("contentBlockIndex", index);
        event.putObject("delta").putObject("reasoningContent").put(part, value);
        return event;
    }

    /** A fragment of the tool input's JSON text. */
    static ObjectNode toolInputDelta(int index, String inputFragment) {
        ObjectNode event = Json.object().put("contentBlockIndex", index);
        event.putObject("delta").putObject("toolUse").put("input", inputFragment);
        return event;
    }

    static ObjectNode contentBlockStop(int index) {
        return Json.object().put("contentBlockIndex", index);
    }

    static ObjectNode messageStop(GeneratedAnswer answer) {
        return Json.object().put("stopReason", answer.stopReason().wireName());
    }

    static ObjectNode metadata(PromptCacheSimulator.PromptTokens prompt, int outputTokens, long latencyMs) {
        ObjectNode event = Json.object();
        event.set("usage", usage(prompt, outputTokens));
        event.putObject("metrics").put("latencyMs", latencyMs);
        return event;
    }

    private static ObjectNode toolUse(ObjectNode node, ToolCall call) {
        return node.put("toolUseId", call.id()).put("name", call.name());
    }

    /** inputTokens leaves out the prompt-cache reads and writes, which totalTokens counts. */
    private static ObjectNode usage(PromptCacheSimulator.PromptTokens prompt, int outputTokens) {
        ObjectNode usage = Json.object().put("inputTokens", prompt.inputTokens()).put("outputTokens", outputTokens)
                .put("totalTokens", prompt.inputTokens() + prompt.cacheReadTokens() + prompt.cacheWriteTokens()
                        + outputTokens);
        if (prompt.cacheReadTokens() > 0 || prompt.cacheWriteTokens() > 0) {
            usage.put("cacheReadInputTokens", prompt.cacheReadTokens())
                    .put("cacheWriteInputTokens", prompt.cacheWriteTokens());
        }
        return usage;
    }
}
