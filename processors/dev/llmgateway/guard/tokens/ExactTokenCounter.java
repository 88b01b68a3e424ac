package dev.llmgateway.guard.tokens;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ModelSpec;

/**
 * Counts a prompt's tokens exactly, as the model itself would (Bedrock's CountTokens for Claude). The limit
 * processor only asks when its estimate comes close to a limit, since each call is a round trip upstream.
 */
@FunctionalInterface
public interface ExactTokenCounter {

    /** @return the prompt tokens the model counts for the request; may throw when the upstream cannot answer */
    int countTokens(ChatRequest request, ModelSpec model);
}
