package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule for which text of a request is embedded. */
class SemanticQueryTest {

    @Test
    void aSingleQuestionIsEmbeddedAsItIs() {
        assertThat(SemanticQuery.text(CacheRequests.question("  How do I   reset my password?\n"), 2000))
                .isEqualTo("How do I reset my password?");
    }

    @Test
    void earlierTurnsJoinAsADigestMostRecentFirst() {
        ChatRequest request = CacheRequests.conversation("Tell me about Paris.", "Paris is the capital of France.",
                "How many people live there?");

        assertThat(SemanticQuery.text(request, 2000)).isEqualTo("How many people live there?"
                + SemanticQuery.CONTEXT_MARK + "Paris is the capital of France. | Tell me about Paris.");
    }

    @Test
    void theDigestKeepsTheFirstWordsOfEachTurnWithinItsBudget() {
        String longTurn = "word ".repeat(50).strip();
        List<String> turns = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            turns.add(longTurn);
        }
        turns.add("And then?");
        ChatRequest request = CacheRequests.conversation(turns.toArray(String[]::new));

        String digest = SemanticQuery.text(request, 2000).substring(("And then?" + SemanticQuery.CONTEXT_MARK).length());

        assertThat(digest.split(" \\| ")).hasSize(SemanticQuery.DIGEST_WORDS / SemanticQuery.WORDS_PER_TURN)
                .allSatisfy(part -> assertThat(part.split(" ")).hasSize(SemanticQuery.WORDS_PER_TURN));
    }

    @Test
    void consecutiveUserMessagesAtTheEndAreOneQuestion() {
        ChatRequest request = CacheRequests.conversation("Hello", "Hi!", "Here is my order number.");
        List<ChatMessage> messages = new ArrayList<>(request.messages());
        messages.add(new ChatMessage(ChatRole.USER, "Where is it?"));

        assertThat(SemanticQuery.text(request.withMessages(messages), 2000))
                .startsWith("Here is my order number. Where is it?" + SemanticQuery.CONTEXT_MARK + "Hi! | Hello");
    }

    @Test
    void systemPromptsAreNotEmbedded() {
        List<ChatMessage> messages = new ArrayList<>(List.of(new ChatMessage(ChatRole.SYSTEM, "You are a pirate.")));
        messages.addAll(CacheRequests.question("What is the capital of Peru?").messages());

        assertThat(SemanticQuery.text(CacheRequests.question("x").withMessages(messages), 2000))
                .isEqualTo("What is the capital of Peru?");
    }

    @Test
    void aPrefilledAnswerOrALongQuestionIsMatchedExactlyOnly() {
        assertThat(SemanticQuery.text(CacheRequests.conversation("Write a poem.", "Roses are"), 2000)).isNull();
        assertThat(SemanticQuery.text(CacheRequests.question("x".repeat(2001)), 2000)).isNull();
        assertThat(SemanticQuery.text(CacheRequests.question("x".repeat(2000)), 2000)).isNotNull();
    }
}
