package dev.llmgateway.batch;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import java.util.List;

/** The requests of a batch summary: the whole document, one part of it, or summaries of parts to combine. */
final class SummaryPrompts {

    /** The widest part header, for sizing parts before their number is known. */
    static final String WIDEST_PART_HEADER = partHeader(999_999, 999_999);
    /** Between two summaries in a combining prompt. */
    static final String BLOCK_SEPARATOR = "\n\n";
    static final String COMBINE_HEADER = "The summaries below cover consecutive parts of one document, in order. "
            + "Combine them into one summary of the whole document.\n\n";

    private SummaryPrompts() {
    }

    static ChatRequest whole(Document document, int maxTokens) {
        return request(document, document.text(), maxTokens);
    }

    static ChatRequest part(Document document, int index, int count, String text, int maxTokens) {
        return request(document, partHeader(index, count) + text, maxTokens);
    }

    static ChatRequest combine(Document document, List<String> summaries, int maxTokens) {
        return request(document, COMBINE_HEADER + joined(summaries), maxTokens);
    }

    /** @return the summaries as the combining prompt lists them */
    static String joined(List<String> summaries) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < summaries.size(); i++) {
            text.append(i == 0 ? "" : BLOCK_SEPARATOR).append(summaryBlock(i + 1, summaries.get(i)));
        }
        return text.toString();
    }

    static String summaryBlock(int number, String summary) {
        return "Summary of part " + number + ":\n" + summary.strip();
    }

    private static String partHeader(int index, int count) {
        return "This is part " + index + " of " + count + " of a longer document. Summarize this part.\n\n";
    }

    private static ChatRequest request(Document document, String userText, int maxTokens) {
        return ChatRequest.builder(document.model(), List.of(new ChatMessage(ChatRole.SYSTEM, document.instructions()),
                new ChatMessage(ChatRole.USER, userText))).maxTokens(maxTokens).build();
    }
}
