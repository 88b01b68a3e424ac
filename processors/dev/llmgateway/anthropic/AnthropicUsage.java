package dev.llmgateway.anthropic;

import dev.llmgateway.chat.Usage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call's usage as the Anthropic API reports it: {@code input_tokens} leaves out the prompt tokens read from and
 * written to the prompt cache, which have fields of their own (as Bedrock counts them too).
 */
public final class AnthropicUsage {

    private AnthropicUsage() {
    }

    /** @param thinkingTokens the answer's thinking tokens, or -1 when the request asked for no thinking */
    public static Map<String, Object> of(Usage usage, int thinkingTokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input_tokens", usage.inputTokens());
        body.put("cache_creation_input_tokens", usage.cacheWriteTokens());
        body.put("cache_read_input_tokens", usage.cacheReadTokens());
        body.put("output_tokens", usage.outputTokens());
        if (thinkingTokens >= 0) {
            body.put("output_tokens_details", Map.of("thinking_tokens", thinkingTokens));
        }
        return body;
    }
}
