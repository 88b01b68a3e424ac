package dev.llmgateway.cache;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import java.util.ArrayList;
import java.util.Arrays;
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
 */
public final class SemanticQuery {

    static final int WORDS_PER_TURN = 20;
    static final int DIGEST_WORDS = 60;
    static final String CONTEXT_MARK = "\n\nContext: ";

    private SemanticQuery() {
    }

    /** @return the text to embed, or null when the request is matched exactly only */
    public static String text(ChatRequest request, int maxQuestionChars) {
        List<ChatMessage> conversation = request.conversation();
        int questionStart = conversation.size();
        while (questionStart > 0 && conversation.get(questionStart - 1).role() == ChatRole.USER) {
            questionStart--;
        }
        if (questionStart == conversation.size()) {
            return null;
        }
        String question = collapse(String.join("\n", conversation.subList(questionStart, conversation.size()).stream()
                .map(ChatMessage::content).toList()));
        if (question.isEmpty() || question.length() > maxQuestionChars) {
            return null;
        }
        String digest = digest(conversation.subList(0, questionStart));
        return digest.isEmpty() ? question : question + CONTEXT_MARK + digest;
    }

    private static String digest(List<ChatMessage> earlier) {
        List<String> parts = new ArrayList<>();
        int budget = DIGEST_WORDS;
        for (int i = earlier.size() - 1; i >= 0 && budget > 0; i--) {
            String[] words = collapse(earlier.get(i).content()).split(" ");
            int take = Math.min(Math.min(words.length, WORDS_PER_TURN), budget);
            parts.add(String.join(" ", Arrays.copyOf(words, take)));
            budget -= take;
        }
        return String.join(" | ", parts);
    }

    private static String collapse(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
