package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.CacheHit;
import dev.llmgateway.chat.Usage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache's decisions and its promise never to fail or hold up a request, with a scripted store and embedder. */
class SemanticCacheLookupTest {

    private static final CachedAnswer ANSWER = new CachedAnswer("Lima.", "end_turn", new Usage(9, 2), "model-a");
    private final ScriptedStore store = new ScriptedStore();
    private final ScriptedEmbedder embedder = new ScriptedEmbedder();
    /** A budget no busy machine exceeds, except for the embedder held on purpose. */
    private SemanticCache cache = cache(10_000);

    @AfterEach
    void close() {
        embedder.release.countDown();
        cache.close();
    }

    @Test
    void anExactMatchIsServedWithoutEmbedding() {
        store.exact = Optional.of(ANSWER);

        LookupResult result = cache.lookup(key("What is the capital of Peru?"), 0.92, null);

        assertThat(result.kind()).isEqualTo(CacheHit.Kind.EXACT);
        assertThat(result.answer()).isEqualTo(ANSWER);
        assertThat(embedder.calls).isZero();
        assertThat(cache.stats().exactHits()).isEqualTo(1);
    }

    @Test
    void aQueryTheRequestAlreadyEmbeddedWithTheSameEmbedderIsNotEmbeddedAgain() {
        PromptEmbeddings embeddings = new PromptEmbeddings(embedder);
        embeddings.embed("What is the capital of Peru?");

        cache.lookup(key("What is the capital of Peru?"), 0.92, embeddings);
        cache.lookup(key("And of Chile?"), 0.92, embeddings);

        assertThat(embedder.calls).as("one embedding for Peru, shared; one for Chile").isEqualTo(2);
    }

    @Test
    void vectorsOfAnotherEmbedderAreNotUsed() {
        PromptEmbeddings other = new PromptEmbeddings(new ScriptedEmbedder() {
            @Override
            public String id() {
                return "another-model";
            }
        });
        other.embed("What is the capital of Peru?");
        int before = embedder.calls;

        cache.lookup(key("What is the capital of Peru?"), 0.92, other);

        assertThat(embedder.calls - before).isEqualTo(1);
    }

    @Test
    void theFirstCandidateAboveTheThresholdThatTheGuardAcceptsIsServed() {
        CachedAnswer lima = new CachedAnswer("Lima, Peru.", "end_turn", new Usage(9, 3), "model-a");
        store.candidates = List.of(
                new SemanticCandidate("What is the capital of Chile?", null, 0.97, ANSWER),
                new SemanticCandidate("what's the capital of Peru", null, 0.95, lima),
                new SemanticCandidate("Capital of Peru?", null, 0.90, ANSWER));

        LookupResult result = cache.lookup(key("What is the capital of Peru?"), 0.92, null);

        assertThat(result.kind()).isEqualTo(CacheHit.Kind.SEMANTIC);
        assertThat(result.similarity()).isEqualTo(0.95);
        assertThat(result.answer()).isEqualTo(lima);
        assertThat(store.minSimilarityAsked).isEqualTo(0.92);
        assertThat(cache.stats().nearMissesRefused()).isEqualTo(1);
        assertThat(cache.stats().semanticHits()).isEqualTo(1);
    }

    @Test
    void candidatesBelowTheThresholdAreAMissThatKeepsTheVector() {
        store.candidates = List.of(new SemanticCandidate("What is the capital of Peru?", null, 0.91, ANSWER));

        LookupResult result = cache.lookup(key("What is the capital of Peru?"), 0.92, null);

        assertThat(result.hit()).isFalse();
        assertThat(result.vector()).isEqualTo(ScriptedEmbedder.VECTOR);
        assertThat(cache.stats().misses()).isEqualTo(1);
    }

    @Test
    void aPartitionWithNothingToCompareWithIsNotEmbeddedForAndTheStoreEmbedsLater() throws InterruptedException {
        store.empty = true;

        LookupResult result = cache.lookup(key("What is the capital of Peru?"), 0.92, null);

        assertThat(result.hit()).isFalse();
        assertThat(result.storable()).isTrue();
        assertThat(result.vector()).isNull();
        assertThat(embedder.calls).isZero();
        assertThat(store.similarSearches).isZero();
        assertThat(cache.stats().semanticLookupsSkipped()).isEqualTo(1);
        assertThat(cache.stats().queriesEmbedded()).isZero();
        assertThat(cache.stats().misses()).isEqualTo(1);

        cache.storeLater(key("What is the capital of Peru?"), result.vector(), ANSWER);
        awaitStored(1);
        assertThat(store.puts).extracting(CacheEntry::vector).containsOnly(ScriptedEmbedder.VECTOR);

        store.empty = false;
        cache.lookup(key("What's the capital of Peru?"), 0.92, null);
        assertThat(cache.stats().queriesEmbedded()).isEqualTo(1);
        assertThat(cache.stats().semanticLookupsSkipped()).isEqualTo(1);
        assertThat(store.similarSearches).isEqualTo(1);
    }

    @Test
    void aRequestWithoutSemanticTextIsLookedUpExactlyOnly() {
        LookupResult result = cache.lookup(new CacheKey("p", "h", null), 0.92, null);

        assertThat(result.hit()).isFalse();
        assertThat(embedder.calls).isZero();
    }

    @Test
    void aFailingStoreOrEmbedderIsACountedMiss() {
        store.failure = new CacheStoreException("database down", null);
        assertThat(cache.lookup(key("What is the capital of Peru?"), 0.92, null).hit()).isFalse();

        store.failure = null;
        embedder.failure = new IllegalStateException("model broken");
        assertThat(cache.lookup(key("What is the capital of Peru?"), 0.92, null).hit()).isFalse();

        assertThat(cache.stats().errors()).isEqualTo(2);
        assertThat(cache.stats().misses()).isEqualTo(2);
    }

    @Test
    void aLookupOverItsBudgetIsACountedMiss() {
        cache.close();
        cache = cache(50);
        embedder.blocked = true;

        LookupResult result = cache.lookup(key("What is the capital of Peru?"), 0.92, null);

        assertThat(result.hit()).isFalse();
        assertThat(cache.stats().timeouts()).isEqualTo(1);
        assertThat(cache.stats().misses()).isEqualTo(1);
    }

    @Test
    void answersAreStoredInTheBackgroundEmbeddingOnlyWhenTheLookupDidNot() throws InterruptedException {
        cache.storeLater(key("What is the capital of Peru?"), ScriptedEmbedder.VECTOR, ANSWER);
        cache.storeLater(key("What is the capital of Chile?"), null, ANSWER);
        awaitStored(2);

        assertThat(embedder.calls).isEqualTo(1);
        assertThat(store.puts).extracting(CacheEntry::vector).containsOnly(ScriptedEmbedder.VECTOR);
        assertThat(store.puts.get(0).expiresAt())
                .isEqualTo(store.puts.get(0).createdAt().plusSeconds(CacheSettings.defaults().ttlSeconds()));
    }

    @Test
    void anAnswerWhoseEmbeddingFailsIsStoredForExactMatches() throws InterruptedException {
        embedder.failure = new IllegalStateException("model broken");

        cache.storeLater(key("What is the capital of Peru?"), null, ANSWER);
        awaitStored(1);

        assertThat(store.puts).singleElement().satisfies(entry -> assertThat(entry.vector()).isNull());
        assertThat(cache.stats().errors()).isEqualTo(1);
    }

    @Test
    void storesBeyondTheQueueAreDroppedAndCounted() {
        cache.close();
        cache = new SemanticCache(store, embedder, settings(10_000, 1), Clock.systemUTC());
        embedder.blocked = true;

        for (int i = 0; i < 4; i++) {
            cache.storeLater(key("question " + i), null, ANSWER);
        }

        // one store runs (held by the embedder), one waits in the queue of one, two are dropped
        assertThat(cache.stats().storesDropped()).isEqualTo(2);
    }

    private void awaitStored(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.stats().stored() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(cache.stats().stored()).isEqualTo(count);
    }

    private SemanticCache cache(long budgetMs) {
        return new SemanticCache(store, embedder, settings(budgetMs, null), Clock.systemUTC());
    }

    private static CacheSettings settings(long budgetMs, Integer storeQueue) {
        return new CacheSettings(null, null, null, null, null, null, null, null, null, null, null, null, budgetMs, null,
                null, storeQueue, null, null);
    }

    private static CacheKey key(String question) {
        return new CacheKey("partition", "hash of " + question, question);
    }

    /** Answers what the test scripts and records what it was asked. */
    private static final class ScriptedStore implements CacheStore {
        volatile Optional<CachedAnswer> exact = Optional.empty();
        volatile List<SemanticCandidate> candidates = List.of();
        volatile RuntimeException failure;
        volatile double minSimilarityAsked;
        volatile boolean empty;
        volatile int similarSearches;
        final List<CacheEntry> puts = new ArrayList<>();

        @Override
        public boolean mayHaveSimilar(String partition, Instant now) {
            return !empty;
        }

        @Override
        public Optional<CachedAnswer> findExact(String partition, String exactHash, Instant now) {
            if (failure != null) {
                throw failure;
            }
            return exact;
        }

        @Override
        public List<SemanticCandidate> findSimilar(String partition, float[] vector, double minSimilarity, int limit,
                                                   Instant now) {
            minSimilarityAsked = minSimilarity;
            similarSearches++;
            return candidates.stream().filter(c -> c.similarity() >= minSimilarity).toList();
        }

        @Override
        public synchronized void put(CacheEntry entry) {
            puts.add(entry);
        }

        @Override
        public int purgeExpired(Instant now) {
            return 0;
        }
    }

    /** Returns one vector, or fails, or blocks until released. */
    private static class ScriptedEmbedder implements Embedder {
        static final float[] VECTOR = {0.6f, 0.8f};
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean blocked;
        volatile RuntimeException failure;
        volatile int calls;

        @Override
        public float[] embed(String text) {
            calls++;
            if (blocked) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
            return VECTOR;
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public String id() {
            return "scripted";
        }
    }
}
