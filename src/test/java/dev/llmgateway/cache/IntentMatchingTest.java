package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.llmgateway.chat.CacheHit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Matching by intent through the real lookup (all-MiniLM-L6-v2, the bundled projection and classifier, the embedded
 * store, the guard): a rewording the embedding puts below the threshold is served when the projection puts it close
 * or the classifier finds both the same intent, a request of another intent is not, and a request asking for a
 * stricter threshold than the configured one gets no match by intent.
 */
class IntentMatchingTest {

    private static final double THRESHOLD = CacheSettings.defaults().threshold();

    @TempDir
    static Path directory;
    private static LocalSemanticCache cache;
    private static int partitions;

    @BeforeAll
    static void open() {
        cache = new LocalSemanticCache(directory);
    }

    @AfterAll
    static void close() {
        cache.close();
    }

    @Test
    void theBundledProjectionIsFittedOnTheLocalEmbedder() {
        IntentProjection projection = IntentProjection.bundled();
        assertThat(projection.embedderId()).isEqualTo(cache.embedder().id());
        assertThat(projection.threshold()).isGreaterThan(THRESHOLD).isLessThan(1);
        float[] projected = projection.project(cache.embedder().embed("where is my phone"));
        assertThat(Vectors.dot(projected, projected)).isCloseTo(1, within(1e-5));
        assertThatThrownBy(() -> projection.project(new float[] {1, 0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBundledClassifierIsFittedOnTheLocalEmbedder() {
        IntentClassifier classifier = IntentClassifier.bundled();
        assertThat(classifier.embedderId()).isEqualTo(cache.embedder().id());
        assertThat(classifier.threshold()).isGreaterThan(0.5).isLessThan(1);
        double[] intents = classifier.knownIntents(cache.embedder().embed("where is my phone"));
        assertThat(intents).hasSize(150);
        assertThat(IntentClassifier.sameIntent(intents, intents)).isGreaterThan(0.5).isLessThanOrEqualTo(1);
        assertThatThrownBy(() -> classifier.knownIntents(new float[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRewordingTheProjectionKeepsApartIsServedWhenTheClassifierFindsOneIntent() {
        String cached = "make me laugh with something funny";
        String query = "can you tell me a joke";
        IntentProjection projection = IntentProjection.bundled();
        assertThat(Vectors.dot(projection.project(cache.embedder().embed(cached)),
                projection.project(cache.embedder().embed(query)))).isLessThan(projection.threshold());
        LookupResult result = lookUp(cached, query, THRESHOLD);
        assertThat(result.hit()).isTrue();
        assertThat(result.similarity()).isLessThan(THRESHOLD);
    }

    @Test
    void aRewordingBelowTheThresholdIsServedWhenItsIntentIsClose() {
        LookupResult result = lookUp("where is my phone", "help me find my phone", THRESHOLD);
        assertThat(result.hit()).isTrue();
        assertThat(result.kind()).isEqualTo(CacheHit.Kind.SEMANTIC);
        assertThat(result.similarity()).isLessThan(THRESHOLD);
    }

    @Test
    void aRequestOfAnotherIntentIsNotServed() {
        assertThat(lookUp("book a flight for me", "cancel my flight reservation", THRESHOLD).hit()).isFalse();
    }

    @Test
    void aStricterThresholdThanTheConfiguredOneMatchesByTheEmbeddingOnly() {
        assertThat(lookUp("where is my phone", "help me find my phone", 0.9).hit()).isFalse();
    }

    @Test
    void anIntentThresholdOfOneTurnsTheMatchByIntentOff(@TempDir Path otherDirectory) {
        try (LocalSemanticCache withoutIntents = new LocalSemanticCache(otherDirectory, 1.0)) {
            assertThat(withoutIntents.lookUp("intent-off", "where is my phone", "help me find my phone", THRESHOLD)
                    .hit()).isFalse();
        }
    }

    private static LookupResult lookUp(String cached, String query, double threshold) {
        return cache.lookUp("intent-" + partitions++, cached, query, threshold);
    }
}
