package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        return frame("contentBlockDelta", block instanceof AnswerBlock.ToolUse
                ? ConverseMessages.toolInputDelta(index, piece) : ConverseMessages.textDelta(index, piece));
    }

    @Override
    public List<byte[]> blockStop(int index) {
        return List.of(frame("contentBlockStop", ConverseMessages.contentBlockStop(index)));
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
