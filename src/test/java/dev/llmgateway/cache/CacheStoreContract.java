package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmgateway.chat.Usage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What every {@link CacheStore} must do; each store's test class runs these against a fresh database. */
abstract class CacheStoreContract {

    static final int DIMENSIONS = 384;
    /** A similarity floor every entry passes: cosine is at least -1. */
    private static final double ANY = -1;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Random random = new Random(42);

    /** @return the store under test, over an empty database */
    abstract CacheStore store();

    /** @return a new store over the same database, as after a restart */
    abstract CacheStore reopen();

    @Test
    void anExactMatchIsFoundOnlyInItsPartition() {
        CacheStore store = store();
        store.put(entry("p1", "h1", "What is the capital of France?", randomUnit(), "Paris.", NOW.plusSeconds(60)));

        assertThat(store.findExact("p1", "h1", NOW)).hasValueSatisfying(answer -> {
            assertThat(answer.text()).isEqualTo("Paris.");
            assertThat(answer.stopReason()).isEqualTo("end_turn");
            assertThat(answer.usage()).isEqualTo(new Usage(12, 3));
            assertThat(answer.modelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
        });
        assertThat(store.findExact("p2", "h1", NOW)).isEmpty();
        assertThat(store.findExact("p1", "h2", NOW)).isEmpty();
    }

    @Test
    void anExpiredEntryIsNeverServed() {
        CacheStore store = store();
        float[] vector = randomUnit();
        store.put(entry("p1", "h1", "question", vector, "answer", NOW.plusSeconds(10)));

        Instant later = NOW.plusSeconds(10);
        assertThat(store.findExact("p1", "h1", later)).isEmpty();
        assertThat(store.findSimilar("p1", vector, ANY, 5, later)).isEmpty();
        assertThat(store.findSimilar("p1", vector, ANY, 5, NOW)).hasSize(1);
    }

    @Test
    void similarEntriesComeMostSimilarFirstWithTheirCosineSimilarityAnswerAndVector() {
        CacheStore store = store();
        float[] query = randomUnit();
        float[] near = nudged(query, 0.2);
        float[] farther = nudged(query, 1.0);
        store.put(entry("p1", "far", "far question", farther, "far answer", NOW.plusSeconds(60)));
        store.put(entry("p1", "near", "near question", near, "near answer", NOW.plusSeconds(60)));
        store.put(entry("p1", "unrelated", "unrelated question", randomUnit(), "unrelated", NOW.plusSeconds(60)));

        List<SemanticCandidate> candidates = store.findSimilar("p1", query, ANY, 2, NOW);

        assertThat(candidates).extracting(SemanticCandidate::queryText).containsExactly("near question", "far question");
        assertThat(candidates.get(0).similarity()).isCloseTo(Vectors.dot(query, near), within(1e-4));
        assertThat(candidates.get(1).similarity()).isCloseTo(Vectors.dot(query, farther), within(1e-4));
        assertThat(candidates).extracting(c -> c.answer().text()).containsExactly("near answer", "far answer");
        assertThat(candidates.get(0).answer().usage()).isEqualTo(new Usage(12, 3));
        assertThat(candidates.get(0).vector()).containsExactly(near, within(1e-6f));
    }

    @Test
    void entriesLessSimilarThanAskedAreLeftOut() {
        CacheStore store = store();
        float[] query = randomUnit();
        float[] near = nudged(query, 0.2);
        store.put(entry("p1", "near", "near question", near, "near answer", NOW.plusSeconds(60)));
        store.put(entry("p1", "far", "far question", nudged(query, 1.0), "far answer", NOW.plusSeconds(60)));

        double between = (Vectors.dot(query, near) + 0.5) / 2;

        assertThat(store.findSimilar("p1", query, between, 5, NOW)).extracting(SemanticCandidate::queryText)
                .containsExactly("near question");
    }

    @Test
    void nearestSearchesOnlyItsPartition() {
        CacheStore store = store();
        float[] vector = randomUnit();
        store.put(entry("other", "h1", "same question elsewhere", vector, "theirs", NOW.plusSeconds(60)));
        store.put(entry("mine", "h2", "a question of mine", nudged(vector, 1.5), "mine", NOW.plusSeconds(60)));

        assertThat(store.findSimilar("mine", vector, ANY, 5, NOW)).extracting(SemanticCandidate::queryText)
                .containsExactly("a question of mine");
        assertThat(store.findSimilar("nobody", vector, ANY, 5, NOW)).isEmpty();
    }

    @Test
    void aSmallPartitionIsSearchedFullyBehindNearerEntriesOfALargeOne() {
        assertThat(smallPartitionBehindALargeOne(store())).extracting(SemanticCandidate::queryText)
                .containsExactly("small one", "small two");
    }

    /**
     * Fills a large partition with entries nearer to a query than the two of a small partition, and searches the
     * small one: an index that ranks before it filters must keep going until it has found them.
     */
    List<SemanticCandidate> smallPartitionBehindALargeOne(CacheStore store) {
        float[] query = randomUnit();
        for (int i = 0; i < 1500; i++) {
            store.put(entry("crowd", "h" + i, "crowd " + i, nudged(query, 0.5), "a", NOW.plusSeconds(60)));
        }
        store.put(entry("small", "s1", "small one", nudged(query, 3), "b", NOW.plusSeconds(60)));
        store.put(entry("small", "s2", "small two", nudged(query, 4), "c", NOW.plusSeconds(60)));
        return store.findSimilar("small", query, ANY, 5, NOW);
    }

    @Test
    void storingTheSameRequestAgainReplacesItsEntry() {
        CacheStore store = store();
        float[] vector = randomUnit();
        store.put(entry("p1", "h1", "question", vector, "first answer", NOW.plusSeconds(60)));
        store.put(entry("p1", "h1", "question", vector, "second answer", NOW.plusSeconds(120)));

        assertThat(store.findExact("p1", "h1", NOW.plusSeconds(90)))
                .hasValueSatisfying(a -> assertThat(a.text()).isEqualTo("second answer"));
        assertThat(store.findSimilar("p1", vector, ANY, 5, NOW)).singleElement()
                .satisfies(c -> assertThat(c.answer().text()).isEqualTo("second answer"));
    }

    @Test
    void anEntryWithoutAVectorIsFoundExactlyOnly() {
        CacheStore store = store();
        store.put(entry("p1", "h1", "a long document", null, "its summary", NOW.plusSeconds(60)));

        assertThat(store.findExact("p1", "h1", NOW)).isPresent();
        assertThat(store.findSimilar("p1", randomUnit(), ANY, 5, NOW)).isEmpty();
    }

    @Test
    void onlyAPartitionHoldingAnEntryWithAVectorMayHaveSimilarOnes() {
        CacheStore store = store();
        store.put(entry("exact-only", "h1", "a long document", null, "its summary", NOW.plusSeconds(60)));
        store.put(entry("semantic", "h1", "a question", randomUnit(), "an answer", NOW.plusSeconds(60)));

        assertThat(store.mayHaveSimilar("never-written", NOW)).isFalse();
        assertThat(store.mayHaveSimilar("exact-only", NOW)).isFalse();
        assertThat(store.mayHaveSimilar("semantic", NOW)).isTrue();
    }

    @Test
    void purgeDeletesTheExpiredEntriesOnly() {
        CacheStore store = store();
        float[] kept = randomUnit();
        store.put(entry("p1", "old1", "old one", randomUnit(), "a", NOW.plusSeconds(5)));
        store.put(entry("p1", "old2", "old two", null, "b", NOW.plusSeconds(5)));
        store.put(entry("p1", "new", "new one", kept, "c", NOW.plusSeconds(60)));

        assertThat(store.purgeExpired(NOW.plusSeconds(30))).isEqualTo(2);

        assertThat(store.findExact("p1", "old1", NOW)).isEmpty();
        assertThat(store.findExact("p1", "old2", NOW)).isEmpty();
        assertThat(store.findExact("p1", "new", NOW)).isPresent();
        assertThat(store.findSimilar("p1", kept, ANY, 5, NOW)).extracting(SemanticCandidate::queryText)
                .containsExactly("new one");
    }

    @Test
    void entriesOutliveARestart() {
        float[] vector = randomUnit();
        store().put(entry("p1", "h1", "question", vector, "answer", NOW.plus(Duration.ofHours(1))));
        store().put(entry("p1", "gone", "expired question", nudged(vector, 0.1), "stale", NOW.minusSeconds(1)));

        CacheStore reopened = reopen();

        assertThat(reopened.findExact("p1", "h1", NOW)).hasValueSatisfying(a -> assertThat(a.text()).isEqualTo("answer"));
        assertThat(reopened.findSimilar("p1", vector, ANY, 5, NOW)).extracting(SemanticCandidate::queryText)
                .containsExactly("question");
    }

    static CacheEntry entry(String partition, String exactHash, String queryText, float[] vector, String answer,
                            Instant expiresAt) {
        return new CacheEntry(new CacheKey(partition, exactHash, queryText), vector,
                new CachedAnswer(answer, "end_turn", new Usage(12, 3), "anthropic.claude-3-haiku-20240307-v1:0"),
                NOW, expiresAt);
    }

    float[] randomUnit() {
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return Vectors.normalized(vector);
    }

    /** @return the vector moved by random noise of the given size relative to its length */
    private float[] nudged(float[] vector, double noise) {
        float[] moved = new float[vector.length];
        double scale = noise / Math.sqrt(vector.length);
        for (int i = 0; i < vector.length; i++) {
            moved[i] = (float) (vector[i] + scale * random.nextGaussian());
        }
        return Vectors.normalized(moved);
    }
}
