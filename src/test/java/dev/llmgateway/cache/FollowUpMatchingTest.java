package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.ChatRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The digest rule with the real embedder, threshold and guard: the same follow-up question in another conversation
 * does not match, the same conversation asked again in other words does.
 */
class FollowUpMatchingTest {

    private static final double THRESHOLD = CacheSettings.defaults().threshold();
    private static LocalMiniLmEmbedder embedder;
    private final NearMissGuard guard = new NearMissGuard();

    @BeforeAll
    static void loadModel() {
        embedder = new LocalMiniLmEmbedder();
    }

    @Test
    void aFollowUpDoesNotMatchTheSameFollowUpInAnotherConversation() {
        assertThat(matches(
                CacheRequests.conversation("Tell me about Paris.", "Paris is the capital of France, known for its museums.",
                        "How many people live there?"),
                CacheRequests.conversation("Tell me about Rome.", "Rome is the capital of Italy, known for its ruins.",
                        "How many people live there?"))).isFalse();
        assertThat(matches(
                CacheRequests.conversation("Tell me a joke.", "Why did the scarecrow win an award? He was outstanding "
                        + "in his field.", "Explain it."),
                CacheRequests.conversation("Tell me a joke.", "I told my wife she drew her eyebrows too high. She looked "
                        + "surprised.", "Explain it."))).isFalse();
        assertThat(matches(
                CacheRequests.conversation("What is a good laptop for programming?", "A ThinkPad is a popular choice.",
                        "How much does it cost?"),
                CacheRequests.conversation("What is a good camera for beginners?", "A Canon EOS is a popular choice.",
                        "How much does it cost?"))).isFalse();
    }

    @Test
    void aFollowUpDoesNotMatchTheSameQuestionAskedWithoutContext() {
        assertThat(matches(
                CacheRequests.conversation("Tell me about Paris.", "Paris is the capital of France.",
                        "How many people live there?"),
                CacheRequests.question("How many people live there?"))).isFalse();
    }

    @Test
    void theSameConversationInOtherWordsMatches() {
        assertThat(matches(
                CacheRequests.conversation("How do I bake sourdough bread?", "Mix flour, water, salt and starter, let it "
                        + "rise overnight, then bake it.", "How long should it rise?"),
                CacheRequests.conversation("How do I bake sourdough bread?", "Mix flour, water, salt and starter, let it "
                        + "rise overnight, then bake it.", "For how long should it rise?"))).isTrue();
    }

    private boolean matches(ChatRequest query, ChatRequest cached) {
        String queryText = SemanticQuery.text(query, 2000);
        String cachedText = SemanticQuery.text(cached, 2000);
        double similarity = Vectors.dot(embedder.embed(queryText), embedder.embed(cachedText));
        return similarity >= THRESHOLD
                && guard.disagreement(QueryFacts.of(queryText), QueryFacts.of(cachedText)).isEmpty();
    }
}
