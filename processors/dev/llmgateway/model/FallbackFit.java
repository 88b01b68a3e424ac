package dev.llmgateway.model;

import dev.llmgateway.bedrock.ConverseRequestBuilder;
import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.PromptTokenCount;
import java.util.List;
import java.util.Optional;

/**
 * Whether a fallback model can take a request that was checked for its first model: it must have every capability
 * the request uses, take every field as Converse would for it (top_k, a structured answer and tools together, ...),
 * and the prompt (as the token limits counted it) plus the output granted must fit its context window and its output
 * limit. A fallback that cannot is skipped, never sent a request it would refuse or cut.
 */
public final class FallbackFit {

    /**
     * Why a fallback cannot take the request.
     *
     * @param reason a short code for metrics: unsupported_capability, the code of what Converse would refuse
     *               (unsupported_parameter, ...), context_window or max_output
     * @param detail what does not fit, for the log
     */
    public record Unfit(String reason, String detail) {
    }

    private FallbackFit() {
    }

    /** @return the call's fallbacks that can take its request, in order */
    public static List<ModelSpec> servable(GatewayCall call) {
        if (call.fallbacks().isEmpty()) {
            return List.of();
        }
        ChatRequest request = call.request();
        PromptTokenCount tokens = call.promptTokensOrNull();
        return call.fallbacks().stream().filter(model -> check(request, tokens, model).isEmpty()).toList();
    }

    /**
     * @param tokens the token limits' count, or null when that step did not run (then only max_tokens is checked)
     * @return why the model cannot take the request, or empty when it can
     */
    public static Optional<Unfit> check(ChatRequest request, PromptTokenCount tokens, ModelSpec model) {
        Optional<Capability> missing = CapabilityCheck.missing(request, model);
        if (missing.isPresent()) {
            return Optional.of(new Unfit("unsupported_capability",
                    "the request uses " + missing.get().wireName() + ", which it does not support"));
        }
        try {
            ConverseRequestBuilder.check(request, model);
        } catch (GatewayException refused) {
            return Optional.of(new Unfit(refused.code(), refused.getMessage()));
        }
        int output = tokens != null ? tokens.maxOutputTokens() : request.maxTokens() != null ? request.maxTokens() : 0;
        if (output > model.maxOutputTokens()) {
            return Optional.of(new Unfit("max_output", "max_tokens " + output + " is over its output limit of "
                    + model.maxOutputTokens()));
        }
        if (tokens != null && tokens.reservedTokens() > model.contextWindow()) {
            return Optional.of(new Unfit("context_window", "the prompt (" + tokens.promptTokens()
                    + " tokens) and max_tokens " + output + " are over its context window of "
                    + model.contextWindow()));
        }
        return Optional.empty();
    }
}
