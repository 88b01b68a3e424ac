package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayException;
import java.util.Map;

/**
 * One tool call per answer (OpenAI {@code parallel_tool_calls: false}, Anthropic {@code disable_parallel_tool_use}),
 * which Converse cannot ask of a model: the answer is checked instead, and one that calls more fails visibly rather
 * than being cut to its first call.
 */
public final class OneToolCall {

    /** What the field rules and docs/api.md say about it. */
    public static final String CHECKED = "at most one tool call per answer: Bedrock cannot ask the model for that, so "
            + "an answer that calls more is a 502 parallel_tool_calls (never cut to its first call)";

    private OneToolCall() {
    }

    /** @return the error an answer with these tool calls ends with, or null when it stands */
    public static GatewayException problem(ChatRequest request, int toolCalls) {
        if (!request.oneToolCall() || toolCalls <= 1) {
            return null;
        }
        return new GatewayException(502, "upstream_error", "parallel_tool_calls", "The model called " + toolCalls
                + " tools at once though the request asked for one at a time, which Bedrock cannot tell it. Retry "
                + "the request, or allow parallel tool calls.", Map.of(), null);
    }
}
