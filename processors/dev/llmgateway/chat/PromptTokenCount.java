package dev.llmgateway.chat;

/**
 * The prompt's token count and the output granted, as the token limits settled them; the rate limiter, the budget
 * and the stream's usage read it from {@link GatewayCall#promptTokens()}.
 *
 * @param promptTokens    the count the limits were checked against: the estimate, or the exact figure when one
 *                        was asked for
 * @param rawTokens       the cl100k_base count of the message texts before any margin, for calibrating the margin
 * @param exact           whether promptTokens came from an exact token counter
 * @param family          the model family the count is for
 * @param maxOutputTokens the max_tokens the request goes upstream with, after clamping
 */
public record PromptTokenCount(int promptTokens, int rawTokens, boolean exact, String family, int maxOutputTokens) {

    /** @return the most tokens this request can consume: its prompt plus all the output it was granted */
    public int reservedTokens() {
        return promptTokens + maxOutputTokens;
    }
}
