package dev.llmgateway.chat;

/** Tokens an upstream call read and wrote, as the upstream reported them. */
public record Usage(int inputTokens, int outputTokens) {

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
