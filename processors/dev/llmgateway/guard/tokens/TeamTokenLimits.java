package dev.llmgateway.guard.tokens;

/**
 * One team's token limits; a null field falls back to the gateway-wide value in {@link TokenLimitSettings}.
 *
 * @param maxPromptTokens the largest prompt the team may send
 * @param maxOutputTokens the most output tokens one request of the team may ask for
 */
public record TeamTokenLimits(Integer maxPromptTokens, Integer maxOutputTokens) {
}
