package dev.llmgateway.batch;

import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.guard.tokens.FamilyMargin;
import dev.llmgateway.guard.tokens.TokenEstimator;

/**
 * How much text one summary call can carry for a model: the context window less the summary's room, within the
 * team's prompt limit, less a safety margin, at most the configured part size; measured the way the token limit
 * guard estimates (cl100k count scaled by the family's margin), so a part never trips it.
 *
 * @param promptTokens  the most estimated prompt tokens of one call
 * @param summaryTokens the most tokens one summary may have
 * @param margin        the model family's estimation margin
 */
public record SummaryBudget(int promptTokens, int summaryTokens, FamilyMargin margin) {

    /** Requests carry two messages: the instructions and the text. */
    private static final int MESSAGES = 2;

    /**
     * @param teamPromptLimit the team's prompt limit from the token guard, or null when it has none
     */
    public static SummaryBudget of(ModelSpec model, BatchSettings settings, Integer teamPromptLimit, FamilyMargin margin) {
        int summaryTokens = Math.min(settings.summaryMaxTokens(), model.maxOutputTokens());
        long room = model.contextWindow() - summaryTokens;
        if (teamPromptLimit != null) {
            room = Math.min(room, teamPromptLimit);
        }
        long prompt = (long) Math.floor(room * (1 - settings.chunking().safetyMargin()));
        if (settings.chunking().maxPartTokens() != null) {
            prompt = Math.min(prompt, settings.chunking().maxPartTokens());
        }
        return new SummaryBudget((int) Math.max(0, prompt), summaryTokens, margin);
    }

    /**
     * @param fixedText the instructions and headers the call adds around the text
     * @return cl100k tokens of text one call can carry next to them (negative when even they do not fit)
     */
    public int textTokens(String fixedText) {
        int framing = margin.fixedTokens() + MESSAGES * margin.perMessageTokens();
        int raw = (int) Math.floor((promptTokens - framing) / margin.multiplier());
        return raw - TokenEstimator.rawCount(fixedText);
    }

    /**
     * Each call must carry at least two summaries, so that combining them always shrinks the text.
     *
     * @param instructions the system prompt of the calls
     * @return why this budget cannot summarize long documents, or null when it can
     */
    public String shortfall(String instructions) {
        int blockOverhead = TokenEstimator.rawCount(SummaryPrompts.summaryBlock(999_999, "")
                + SummaryPrompts.BLOCK_SEPARATOR);
        int needed = 2 * (summaryTokens + blockOverhead);
        int available = Math.min(textTokens(instructions + SummaryPrompts.WIDEST_PART_HEADER),
                textTokens(instructions + SummaryPrompts.COMBINE_HEADER));
        if (available >= needed) {
            return null;
        }
        return "one call leaves room for " + Math.max(0, available) + " tokens of text next to the instructions, "
                + "less than the " + needed + " that two summaries of up to " + summaryTokens + " tokens need";
    }
}
