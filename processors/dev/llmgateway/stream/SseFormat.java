package dev.llmgateway.stream;

import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Usage;
import java.util.List;

/** How one API shape writes a streamed answer as server-sent events. Each method returns the events to send. */
public interface SseFormat {

    /** The events that open the answer, before any text (and, when reasoning is on, before its reasoning). */
    String start(StreamMeta meta);

    /**
     * The events that open reasoning block number {@code block} (0 for the first) of an answer with reasoning on,
     * after the blocks before it.
     */
    String reasoningStart(StreamMeta meta, int block);

    /** The events for one piece of a reasoning block's text. */
    String reasoningDelta(StreamMeta meta, int block, String text);

    /** The events that end a reasoning block: its signature, and for some formats the whole block, to send back. */
    String reasoningEnd(StreamMeta meta, int block, ContentBlock.Reasoning whole);

    /** The events of a redacted reasoning block, which arrives whole, after the blocks before it. */
    String redactedReasoning(StreamMeta meta, int block, ContentBlock.RedactedReasoning redacted);

    /**
     * The events that open the answer's text after its reasoning, when reasoning is on; {@code meta} counts the
     * reasoning blocks sent.
     */
    String textStart(StreamMeta meta);

    /** The events for one piece of text. */
    String delta(StreamMeta meta, String text);

    /**
     * The events that open the answer's tool call number {@code index} (0 for the first), after any text and the
     * calls before it.
     */
    String toolUseStart(StreamMeta meta, int index, String id, String name);

    /** The events for a piece of a tool call's input, a fragment of its JSON. */
    String toolUseDelta(StreamMeta meta, int index, String partialJson);

    /**
     * The events that close a complete answer.
     *
     * @param toolCalls how many tool calls the answer made
     */
    String finish(StreamMeta meta, String stopReason, Usage usage, int toolCalls);

    /** The event telling the client the answer broke off; nothing follows it. */
    String error(StreamMeta meta, GatewayException error);

    /**
     * The format of one stream of this call. A format whose events depend on what went before in the stream (events
     * numbered in order, ids and texts repeated at the end) returns a fresh instance per stream; the others are
     * their own.
     */
    default SseFormat forCall(GatewayCall call) {
        return this;
    }

    /** Whether a piece of text gives the same events wherever it comes in a stream (so they may be rendered once). */
    default boolean stateless() {
        return true;
    }

    /**
     * Names of a stream: the response id, the model alias, when it was created, and its options.
     *
     * @param reasoning       whether the request asked for reasoning, which comes before the text
     * @param reasoningBlocks how many reasoning blocks went before the text (known once the text starts)
     * @param reasoningTokens the tokens of their text, counted by the gateway (Bedrock counts them in the output)
     */
    record StreamMeta(String id, String requestId, String model, long created, int estimatedInputTokens,
                      boolean includeUsage, List<String> stopSequences, boolean reasoning, int reasoningBlocks,
                      int reasoningTokens) {

        /** A stream without reasoning. */
        public StreamMeta(String id, String requestId, String model, long created, int estimatedInputTokens,
                          boolean includeUsage, List<String> stopSequences) {
            this(id, requestId, model, created, estimatedInputTokens, includeUsage, stopSequences, false, 0, 0);
        }

        /** @return the same stream once {@code blocks} reasoning blocks of {@code tokens} went before its text */
        public StreamMeta afterReasoning(int blocks, int tokens) {
            return new StreamMeta(id, requestId, model, created, estimatedInputTokens, includeUsage, stopSequences,
                    reasoning, blocks, tokens);
        }

        /** @return this stream named for the model alias that answers it (a fallback's, when one does) */
        StreamMeta answeredBy(String alias) {
            return alias.equals(model) ? this : new StreamMeta(id, requestId, alias, created, estimatedInputTokens,
                    includeUsage, stopSequences, reasoning, reasoningBlocks, reasoningTokens);
        }
    }
}
