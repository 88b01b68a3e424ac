package dev.llmgateway.cache;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * Which text of a request is embedded and compared with cached ones. The rule:
 * <ul>
 *   <li>The question is the last user turn (consecutive user messages at the end count as one). A conversation that
 *       does not end with the user (an assistant prefill) is matched exactly only.</li>
 *   <li>The earlier turns, user and assistant, enter as a digest appended to the question: the most recent first,
 *       each cut to its first {@value #WORDS_PER_TURN} words, {@value #DIGEST_WORDS} words in all. A follow-up such as
 *       "how many people live there?" then carries the topic it follows up on, in the vector and in the facts the
 *       near-miss guard compares, so it does not match the same follow-up in another conversation.</li>
 *   <li>A question longer than the configured limit is matched exactly only: semantic matching is for questions,
 *       not documents (two long texts can share most of their words and still differ where it matters).</li>
 * </ul>
 * System prompts are not embedded: they are part of the partition, so only requests with the same one are compared.
 * The texts are read in one pass each, charged to an {@link InspectionBudget}: the question until it is over the
 * limit, each earlier turn until its words are taken.
 */
public final class SemanticQuery {

    static final int WORDS_PER_TURN = 20;
    static final int DIGEST_WORDS = 60;
    static final String CONTEXT_MARK = "\n\nContext: ";

    private SemanticQuery() {
    }

    /** @return the text to embed, or null when the request is matched exactly only */
    public static String text(ChatRequest request, int maxQuestionChars) {
        return text(request, maxQuestionChars, InspectionBudget.forCharacters(request.messages().stream()
                .mapToLong(m -> m.content() == null ? 0 : m.content().length()).sum()));
    }

    /**
     * @return the same, reading within the budget
     * @throws dev.llmgateway.guard.text.InspectionBudgetExceededException when the reading costs more than the budget
     */
    static String text(ChatRequest request, int maxQuestionChars, InspectionBudget budget) {
        List<ChatMessage> conversation = request.conversation();
        int questionStart = conversation.size();
        while (questionStart > 0 && conversation.get(questionStart - 1).role() == ChatRole.USER) {
            questionStart--;
        }
        if (questionStart == conversation.size()) {
            return null;
        }
        String question = collapse(budget.meter(String.join("\n", conversation.subList(questionStart, conversation.size())
                .stream().map(ChatMessage::content).toList())), maxQuestionChars);
        if (question == null || question.isEmpty()) {
            return null;
        }
        String digest = digest(conversation.subList(0, questionStart), budget);
        return digest.isEmpty() ? question : question + CONTEXT_MARK + digest;
    }

    private static String digest(List<ChatMessage> earlier, InspectionBudget budget) {
        List<String> parts = new ArrayList<>();
        int wordsLeft = DIGEST_WORDS;
        for (int i = earlier.size() - 1; i >= 0 && wordsLeft > 0; i--) {
            StringBuilder part = new StringBuilder();
            wordsLeft -= firstWords(budget.meter(earlier.get(i).content()), Math.min(WORDS_PER_TURN, wordsLeft), part);
            parts.add(part.toString());
        }
        return String.join(" | ", parts);
    }

    /**
     * The text stripped and each run of whitespace made one space ({@code text.strip().replaceAll("\\s+", " ")}).
     *
     * @return that, or null as soon as it is longer than {@code maxChars}
     */
    static String collapse(CharSequence text, int maxChars) {
        StringBuilder out = new StringBuilder();
        collapseInto(text, out, Integer.MAX_VALUE, maxChars);
        return out.length() > maxChars ? null : out.toString();
    }

    /**
     * Appends to {@code out} the first words of the collapsed text, as {@code collapse(text).split(" ")} has them (an
     * empty text is one empty word), reading no further than they reach.
     *
     * @return how many words were taken: at most {@code limit}, at least 1
     */
    static int firstWords(CharSequence text, int limit, StringBuilder out) {
        return collapseInto(text, out, limit, Integer.MAX_VALUE);
    }

    /**
     * Appends the collapsed text to {@code out}, stopping before its word {@code maxWords + 1} or once {@code out} is
     * longer than {@code maxChars}, so it reads no further than it must.
     *
     * @return the words appended, at least 1
     */
    private static int collapseInto(CharSequence text, StringBuilder out, int maxWords, int maxChars) {
        int end = strippedEnd(text);
        int words = 1;
        boolean afterSpace = false;
        for (int i = strippedStart(text, end); i < end && out.length() <= maxChars; i++) {
            char c = text.charAt(i);
            if (isRegexSpace(c)) {
                afterSpace = true;
                continue;
            }
            if (afterSpace) {
                if (words == maxWords) {
                    break;
                }
                out.append(' ');
                words++;
                afterSpace = false;
            }
            out.append(c);
        }
        return words;
    }

    /** java.util.regex's {@code \s}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Where {@link String#strip()} would start: at the first character that is not {@link Character#isWhitespace}. */
    private static int strippedStart(CharSequence text, int end) {
        int start = 0;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        return start;
    }

    /** Where {@link String#strip()} would end, read from the end. */
    private static int strippedEnd(CharSequence text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
