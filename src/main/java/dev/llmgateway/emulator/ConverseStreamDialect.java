package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** ConverseStream: each event's JSON is the frame payload, named by {@code :event-type}. */
final class ConverseStreamDialect implements StreamDialect {
    private final GeneratedAnswer answer;
    private final int inputTokens;

    ConverseStreamDialect(GeneratedAnswer answer, int inputTokens) {
        this.answer = answer;
        this.inputTokens = inputTokens;
    }

    @Override
    public List<byte[]> opening() {
        return List.of(frame("messageStart", ConverseMessages.messageStart()));
    }

    @Override
    public byte[] delta(String text) {
        return frame("contentBlockDelta", ConverseMessages.contentBlockDelta(text));
    }

    @Override
    public List<byte[]> closing(long invocationLatencyMs, long firstByteLatencyMs) {
        return List.of(frame("contentBlockStop", ConverseMessages.contentBlockStop()),
                frame("messageStop", ConverseMessages.messageStop(answer)),
                frame("metadata", ConverseMessages.metadata(inputTokens, answer.outputTokens(), invocationLatencyMs)));
    }

    private static byte[] frame(String eventType, ObjectNode payload) {
        return EventStreamEncoder.event(eventType, Json.bytes(payload));
    }
}
