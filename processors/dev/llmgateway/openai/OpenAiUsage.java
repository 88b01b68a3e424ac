package dev.llmgateway.openai;

import dev.llmgateway.chat.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call's usage as the OpenAI API reports it: {@code prompt_tokens} counts every prompt token, those read from the
 * prompt cache ({@code prompt_tokens_details.cached_tokens}, as OpenAI reports them) and those written to it
 * ({@code prompt_tokens_details.cache_write_tokens}, an extension as OpenRouter names it: OpenAI's cache costs
 * nothing to write, Bedrock's does). Reasoning tokens, which Bedrock counts in the output, are the gateway's count of
 * the reasoning text ({@code completion_tokens_details.reasoning_tokens}).
 */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    /** @param reasoningTokens the answer's reasoning tokens, or -1 when the request asked for no reasoning */
    public static Map<String, Object> of(Usage usage, int reasoningTokens) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cached_tokens", usage.cacheReadTokens());
        details.put("cache_write_tokens", usage.cacheWriteTokens());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt_tokens", usage.promptTokens());
        body.put("completion_tokens", usage.outputTokens());
        body.put("total_tokens", usage.totalTokens());
        body.put("prompt_tokens_details", details);
        if (reasoningTokens >= 0) {
            body.put("completion_tokens_details", Map.of("reasoning_tokens", reasoningTokens));
        }
        return body;
    }
}
