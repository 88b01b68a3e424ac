package dev.llmgateway.chat;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A chat request in the gateway's own terms, whatever format it arrived in.
 *
 * @param model        the public model alias the caller asked for
 * @param messages     system, user and assistant turns in order
 * @param maxTokens    the output limit asked for, or null to use the model's default
 * @param temperature  sampling temperature, or null
 * @param topP         nucleus sampling, or null
 * @param stop         stop sequences (empty when none)
 * @param user         the caller's end-user id, for attribution only
 * @param stream       whether the caller wants server-sent events
 * @param includeUsage whether a streamed answer ends with a usage chunk
 * @param tools        the tools the model may call (empty when none)
 * @param toolChoice   whether it may, must or must not call one; null when no tools were offered
 * @param responseFormat the schema the answer must be JSON of, or null for a free answer
 */
public record ChatRequest(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature,
                          Double topP, List<String> stop, String user, boolean stream, boolean includeUsage,
                          List<ToolSpec> tools, ToolChoice toolChoice, ResponseFormat responseFormat) {

    public ChatRequest {
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** A request without tools. */
    public ChatRequest(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature, Double topP,
                       List<String> stop, String user, boolean stream, boolean includeUsage) {
        this(model, messages, maxTokens, temperature, topP, stop, user, stream, includeUsage, List.of(), null, null);
    }

    /** A request with tools and a free answer. */
    public ChatRequest(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature, Double topP,
                       List<String> stop, String user, boolean stream, boolean includeUsage, List<ToolSpec> tools,
                       ToolChoice toolChoice) {
        this(model, messages, maxTokens, temperature, topP, stop, user, stream, includeUsage, tools, toolChoice, null);
    }

    public ChatRequest withMessages(List<ChatMessage> newMessages) {
        return new ChatRequest(model, newMessages, maxTokens, temperature, topP, stop, user, stream, includeUsage,
                tools, toolChoice, responseFormat);
    }

    public ChatRequest withMaxTokens(Integer newMaxTokens) {
        return new ChatRequest(model, messages, newMaxTokens, temperature, topP, stop, user, stream, includeUsage,
                tools, toolChoice, responseFormat);
    }

    /** @return a copy whose message texts (tool calls and results included) went through the given function */
    public ChatRequest mapContents(UnaryOperator<String> function) {
        return withMessages(messages.stream().map(m -> m.mapTexts(function)).toList());
    }

    public List<ChatMessage> systemMessages() {
        return messages.stream().filter(m -> m.role() == ChatRole.SYSTEM).toList();
    }

    public List<ChatMessage> conversation() {
        return messages.stream().filter(m -> m.role() != ChatRole.SYSTEM).toList();
    }

    /** @return whether a message of the request holds a block of this kind */
    public boolean carries(Class<? extends ContentBlock> kind) {
        return messages.stream().anyMatch(message -> message.blocks().stream().anyMatch(kind::isInstance));
    }

    /** @return whether tools are offered, or the conversation holds tool calls or results */
    public boolean usesTools() {
        return !tools.isEmpty() || messages.stream().anyMatch(ChatMessage::usesTools);
    }
}
