package dev.llmgateway.chat;

/**
 * Tokens an upstream call read and wrote, as the upstream reported them.
 *
 * @param inputTokens      prompt tokens billed at the input price (Bedrock leaves prompt-cache tokens out of them)
 * @param outputTokens     answer tokens
 * @param cacheReadTokens  prompt tokens read from Bedrock's prompt cache
 * @param cacheWriteTokens prompt tokens written to Bedrock's prompt cache
 */
public record Usage(int inputTokens, int outputTokens, int cacheReadTokens, int cacheWriteTokens) {

    /** Usage of a call that did not touch the prompt cache. */
    public Usage(int inputTokens, int outputTokens) {
        this(inputTokens, outputTokens, 0, 0);
    }

    /** @return every prompt token the model read: at the input price, from the prompt cache and into it */
    public int promptTokens() {
        return inputTokens + cacheReadTokens + cacheWriteTokens;
    }

    public int totalTokens() {
        return promptTokens() + outputTokens;
    }
}
