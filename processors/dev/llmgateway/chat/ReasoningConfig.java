package dev.llmgateway.chat;

/**
 * Reasoning asked of the model before it answers (Claude's extended thinking), whichever API asked for it.
 *
 * @param budgetTokens the most tokens the model may spend reasoning; part of the answer's output limit, so always
 *                     below it
 */
public record ReasoningConfig(int budgetTokens) {

    /** Claude's smallest reasoning budget. */
    public static final int MIN_BUDGET_TOKENS = 1024;

    /**
     * The reasoning within an output limit the gateway lowered (the model's, the team's, the context window's): the
     * budget shrinks to stay below it.
     *
     * @throws GatewayException 400 when the limit leaves less than the smallest budget
     */
    public ReasoningConfig within(int maxTokens) {
        if (budgetTokens < maxTokens) {
            return this;
        }
        if (maxTokens - 1 < MIN_BUDGET_TOKENS) {
            throw GatewayException.invalidRequest("invalid_value", "Reasoning needs an output limit above its budget "
                    + "of at least " + MIN_BUDGET_TOKENS + " tokens, but the answer may have only " + maxTokens
                    + " tokens (its max_tokens, or the model's, the team's or the context window's limit); raise "
                    + "max_tokens, send a shorter prompt, or leave reasoning out.");
        }
        return new ReasoningConfig(maxTokens - 1);
    }
}
