package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;

/**
 * InvokeModelWithResponseStream on Claude: every Anthropic stream event travels base64-encoded in
 * a {@code chunk} frame, next to Bedrock's {@code p} padding field.
 */
final class AnthropicStreamDialect implements StreamDialect {
    private static final String PADDING_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final String messageId;
    private final ModelId model;
    private final GeneratedAnswer answer;
    private final PromptCacheSimulator.PromptTokens prompt;
    private int framesSent;

    AnthropicStreamDialect(String messageId, ModelId model, GeneratedAnswer answer,
                           PromptCacheSimulator.PromptTokens prompt) {
        this.messageId = messageId;
        this.model = model;
        this.answer = answer;
        this.prompt = prompt;
    }

    @Override
    public List<byte[]> opening() {
        return List.of(chunk(AnthropicMessages.messageStart(messageId, model, prompt,
                Math.min(1, answer.outputTokens()))));
    }

    @Override
    public List<byte[]> blockStart(int index, AnswerBlock block) {
        return List.of(chunk(AnthropicMessages.contentBlockStart(index, block)));
    }

    @Override
    public byte[] delta(int index, AnswerBlock block, String piece) {
        return chunk(block instanceof AnswerBlock.ToolUse
                ? AnthropicMessages.inputJsonDelta(index, piece) : AnthropicMessages.textDelta(index, piece));
    }

    @Override
    public List<byte[]> blockStop(int index, AnswerBlock block) {
        return List.of(chunk(AnthropicMessages.contentBlockStop(index)));
    }

    @Override
    public List<byte[]> closing(long invocationLatencyMs, long firstByteLatencyMs) {
        return List.of(chunk(AnthropicMessages.messageDelta(answer)),
                chunk(AnthropicMessages.messageStop(prompt.inputTokens(), answer.outputTokens(), invocationLatencyMs,
                        firstByteLatencyMs)));
    }

    private byte[] chunk(ObjectNode event) {
        ObjectNode payload = Json.object()
                .put("bytes", Base64.getEncoder().encodeToString(Json.bytes(event)))
                .put("p", PADDING_ALPHABET.substring(0, 1 + framesSent++ % PADDING_ALPHABET.length()));
        return EventStreamEncoder.event("chunk", Json.bytes(payload));
    }
}
