package dev.llmgateway.stream;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Usage;
import java.util.List;

/** How one API shape writes a streamed answer as server-sent events. Each method returns the events to send. */
public interface SseFormat {

    /** The events that open the answer, before any text. */
    String start(StreamMeta meta);

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

    /** Names of a stream: the response id, the model alias, when it was created, and its options. */
    record StreamMeta(String id, String requestId, String model, long created, int estimatedInputTokens,
                      boolean includeUsage, List<String> stopSequences) {
    }
}
