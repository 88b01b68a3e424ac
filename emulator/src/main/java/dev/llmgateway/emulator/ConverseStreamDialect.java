package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;

/** ConverseStream: each event's JSON is the frame payload, named by {@code :event-type}. */
final class ConverseStreamDialect implements StreamDialect {
    private final GeneratedAnswer answer;
    private final PromptCacheSimulator.PromptTokens prompt;

    ConverseStreamDialect(GeneratedAnswer answer, PromptCacheSimulator.PromptTokens prompt) {
        this.answer = answer;
        this.prompt = prompt;
    }

    @Override
    public List<byte[]> opening() {
        return List.of(frame("messageStart", ConverseMessages.messageStart()));
    }

    @Override
    public List<byte[]> blockStart(int index, AnswerBlock block) {
        if (block instanceof AnswerBlock.ToolUse use) {
            return List.of(frame("contentBlockStart", ConverseMessages.toolUseBlockStart(index, use.call())));
        }
        return List.of();
    }

    @Override
    public byte[] delta(int index, AnswerBlock block, String piece) {
        ObjectNode delta;
        if (block instanceof AnswerBlock.ToolUse) {
            delta = ConverseMessages.toolInputDelta(index, piece);
        } else if (block instanceof AnswerBlock.Reasoning) {
            delta = ConverseMessages.reasoningDelta(index, "text", piece);
        } else {
            delta = ConverseMessages.textDelta(index, piece);
        }
        return frame("contentBlockDelta", delta);
    }

    /** A reasoning block ends with its signature; a redacted one arrives whole, just before its stop. */
    @Override
    public List<byte[]> blockStop(int index, AnswerBlock block) {
        byte[] stop = frame("contentBlockStop", ConverseMessages.contentBlockStop(index));
        if (block instanceof AnswerBlock.Reasoning reasoning) {
            return List.of(frame("contentBlockDelta", ConverseMessages.reasoningDelta(index, "signature",
                    reasoning.signature())), stop);
        }
        if (block instanceof AnswerBlock.RedactedReasoning redacted) {
            return List.of(frame("contentBlockDelta", ConverseMessages.reasoningDelta(index, "redactedContent",
                    Base64.getEncoder().encodeToString(redacted.data()))), stop);
        }
        return List.of(stop);
    }

    @Override
    public List<byte[]> closing(long invocationLatencyMs, long firstByteLatencyMs) {
        return List.of(frame("messageStop", ConverseMessages.messageStop(answer)),
                frame("metadata", ConverseMessages.metadata(prompt, answer.outputTokens(), invocationLatencyMs)));
    }

    private static byte[] frame(String eventType, ObjectNode payload) {
        return EventStreamEncoder.event(eventType, Json.bytes(payload));
    }
}
