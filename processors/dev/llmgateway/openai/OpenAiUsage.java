package dev.llmgateway.openai;

import dev.llmgateway.chat.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call's usage as the OpenAI API reports it: {@code prompt_tokens} counts every prompt token, those read from the
 * prompt cache ({@code prompt_tokens_details.cached_tokens}, as OpenAI reports them) and those written to it
 * ({@code prompt_tokens_details.cache_write_tokens}, an extension as OpenRouter names it: OpenAI's cache costs
 * nothing to write, Bedrock's does).
 */
public final class OpenAiUsage {

    private OpenAiUsage() {
    }

    public static Map<String, Object> of(Usage usage) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cached_tokens", usage.cacheReadTokens());
        details.put("cache_write_tokens", usage.cacheWriteTokens());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt_tokens", usage.promptTokens());
        body.put("completion_tokens", usage.outputTokens());
        body.put("total_tokens", usage.totalTokens());
        body.put("prompt_tokens_details", details);
        return body;
    }
}
