package dev.llmgateway.batch;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import java.util.List;

/**
 * The requests of a batch summary: the whole document, one part of it, or summaries of parts to combine. The
 * document's text and the summaries made of it go in as quoted text ({@link ContentBlock.Text#source()}), so the
 * injection guard reads them as untrusted data, apart from the gateway's own words around them.
 */
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
        return request(document, maxTokens, quoted(document.text(), "the batch document '" + document.id() + "'"));
    }

    static ChatRequest part(Document document, int index, int count, String text, int maxTokens) {
        return request(document, maxTokens, new ContentBlock.Text(partHeader(index, count)),
                quoted(text, "part " + index + " of " + count + " of the batch document '" + document.id() + "'"));
    }

    static ChatRequest combine(Document document, List<String> summaries, int maxTokens) {
        return request(document, maxTokens, new ContentBlock.Text(COMBINE_HEADER),
                quoted(joined(summaries), "the summaries of parts of the batch document '" + document.id() + "'"));
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

    private static ContentBlock quoted(String text, String source) {
        return new ContentBlock.Text(text, source);
    }

    private static ChatRequest request(Document document, int maxTokens, ContentBlock... userBlocks) {
        return ChatRequest.builder(document.model(), List.of(new ChatMessage(ChatRole.SYSTEM, document.instructions()),
                new ChatMessage(ChatRole.USER, List.of(userBlocks)))).maxTokens(maxTokens).build();
    }
}
