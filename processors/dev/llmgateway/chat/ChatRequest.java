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
 * @param topK         sample from the k likeliest tokens only, or null
 * @param stop         stop sequences (empty when none)
 * @param user         the caller's end-user id, for attribution only
 * @param stream       whether the caller wants server-sent events
 * @param includeUsage whether a streamed answer ends with a usage chunk
 * @param tools        the tools the model may call (empty when none)
 * @param toolChoice   whether it may, must or must not call one; null when no tools were offered
 * @param responseFormat the schema the answer must be JSON of, or null for a free answer
 * @param reasoning    the reasoning asked of the model before it answers, or null for none
 * @param oneToolCall  whether an answer may call at most one tool (OpenAI parallel_tool_calls false, Anthropic
 *                     disable_parallel_tool_use true)
 */
public record ChatRequest(String model, List<ChatMessage> messages, Integer maxTokens, Double temperature,
                          Double topP, Integer topK, List<String> stop, String user, boolean stream,
                          boolean includeUsage, List<ToolSpec> tools, ToolChoice toolChoice,
                          ResponseFormat responseFormat, ReasoningConfig reasoning, boolean oneToolCall) {

    public ChatRequest {
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /** @return a builder of a request for this model alias and these turns, every other field unset */
    public static Builder builder(String model, List<ChatMessage> messages) {
        return new Builder(model, messages);
    }

    /** @return a builder holding this request's fields, to change some of them */
    public Builder toBuilder() {
        return new Builder(model, messages).maxTokens(maxTokens).temperature(temperature).topP(topP).topK(topK)
                .stop(stop).user(user).stream(stream).includeUsage(includeUsage).tools(tools).toolChoice(toolChoice)
                .responseFormat(responseFormat).reasoning(reasoning).oneToolCall(oneToolCall);
    }

    public ChatRequest withMessages(List<ChatMessage> newMessages) {
        return toBuilder().messages(newMessages).build();
    }

    public ChatRequest withMaxTokens(Integer newMaxTokens) {
        return toBuilder().maxTokens(newMaxTokens).build();
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

    /** @return whether reasoning is asked for, or the conversation holds the model's reasoning blocks */
    public boolean usesReasoning() {
        return reasoning != null || carries(ContentBlock.Reasoning.class)
                || carries(ContentBlock.RedactedReasoning.class);
    }

    /** @return whether the request has prompt-cache breakpoints, in its turns or after a tool */
    public boolean cachesPrompt() {
        return carries(ContentBlock.CachePoint.class) || tools.stream().anyMatch(tool -> tool.cachePoint() != null);
    }

    /** @return whether tools are offered, or the conversation holds tool calls or results */
    public boolean usesTools() {
        return !tools.isEmpty() || messages.stream().anyMatch(ChatMessage::usesTools);
    }

    /** Builds a {@link ChatRequest}; a request reader sets what its API carried and leaves the rest unset. */
    public static final class Builder {
        private String model;
        private List<ChatMessage> messages;
        private Integer maxTokens;
        private Double temperature;
        private Double topP;
        private Integer topK;
        private List<String> stop;
        private String user;
        private boolean stream;
        private boolean includeUsage;
        private List<ToolSpec> tools;
        private ToolChoice toolChoice;
        private ResponseFormat responseFormat;
        private ReasoningConfig reasoning;
        private boolean oneToolCall;

        private Builder(String model, List<ChatMessage> messages) {
            this.model = model;
            this.messages = messages;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder messages(List<ChatMessage> value) {
            messages = value;
            return this;
        }

        public Builder maxTokens(Integer value) {
            maxTokens = value;
            return this;
        }

        public Builder temperature(Double value) {
            temperature = value;
            return this;
        }

        public Builder topP(Double value) {
            topP = value;
            return this;
        }

        public Builder topK(Integer value) {
            topK = value;
            return this;
        }

        public Builder stop(List<String> value) {
            stop = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder stream(boolean value) {
            stream = value;
            return this;
        }

        public Builder includeUsage(boolean value) {
            includeUsage = value;
            return this;
        }

        public Builder tools(List<ToolSpec> value) {
            tools = value;
            return this;
        }

        public Builder toolChoice(ToolChoice value) {
            toolChoice = value;
            return this;
        }

        public Builder responseFormat(ResponseFormat value) {
            responseFormat = value;
            return this;
        }

        public Builder reasoning(ReasoningConfig value) {
            reasoning = value;
            return this;
        }

        public Builder oneToolCall(boolean value) {
            oneToolCall = value;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(model, messages, maxTokens, temperature, topP, topK, stop, user, stream,
                    includeUsage, tools, toolChoice, responseFormat, reasoning, oneToolCall);
        }
    }
}
