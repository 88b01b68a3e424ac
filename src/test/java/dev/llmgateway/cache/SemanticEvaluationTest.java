package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the semantic cache on hand-written labeled pairs, through the real lookup: the local all-MiniLM-L6-v2
 * embedder and its intent projection, the embedded store, the default threshold and the near-miss guard. Each pair
 * gets a partition of its own holding the cached query; the other query is looked up. A paraphrase should be served
 * (a hit); a near miss must not be (a false hit). The held-out file was split off before the guard was tuned and is not used for tuning.
 */
class SemanticEvaluationTest {

    private static final double THRESHOLD = CacheSettings.defaults().threshold();
    private static final double MAX_FALSE_HIT_RATE = 0.01;
    private static final double MIN_HIT_RATE = 0.60;

    @TempDir
    static Path directory;
    private static LocalSemanticCache cache;

    @BeforeAll
    static void open() {
        cache = new LocalSemanticCache(directory);
    }

    @AfterAll
    static void close() {
        cache.close();
    }

    @Test
    void developmentSetMeetsTheGoal() {
        Scores scores = evaluate("/cache/semantic-eval-dev.tsv");
        assertThat(scores.falseHitRate()).as("false-hit rate on the development set").isLessThan(MAX_FALSE_HIT_RATE);
        assertThat(scores.hitRate()).as("paraphrase hit rate on the development set").isGreaterThanOrEqualTo(MIN_HIT_RATE);
    }

    @Test
    void setOfWhoWhenHowMuchAndWhichWayMeetsTheGoal() {
        Scores scores = evaluate("/cache/semantic-eval-kinds.tsv");
        // written to find what the guard misses, so held to at most one near miss in fifty rather than one in a hundred
        assertThat(scores.falseHitRate()).as("false-hit rate on the set of kinds").isLessThan(MAX_FALSE_HIT_RATE * 2);
        assertThat(scores.hitRate()).as("paraphrase hit rate on the set of kinds").isGreaterThanOrEqualTo(MIN_HIT_RATE);
    }

    @Test
    void heldOutSetMeetsTheGoal() {
        Scores scores = evaluate("/cache/semantic-eval-heldout.tsv");
        assertThat(scores.falseHitRate()).as("false-hit rate on the held-out set").isLessThan(MAX_FALSE_HIT_RATE);
        assertThat(scores.hitRate()).as("paraphrase hit rate on the held-out set").isGreaterThanOrEqualTo(MIN_HIT_RATE);
    }

    private Scores evaluate(String resource) {
        List<LabeledPair> pairs = LabeledPair.load(resource);
        int paraphrases = 0;
        int hits = 0;
        int nearMisses = 0;
        int falseHits = 0;
        int nearMissesAboveThreshold = 0;
        Map<String, int[]> byCategory = new TreeMap<>();
        StringBuilder wrong = new StringBuilder();
        for (int i = 0; i < pairs.size(); i++) {
            LabeledPair pair = pairs.get(i);
            long refusedBefore = cache.stats().nearMissesRefused();
            LookupResult result = cache.lookUp(resource + "#" + i, pair.cached(), pair.query(), THRESHOLD);
            boolean refused = cache.stats().nearMissesRefused() > refusedBefore;
            int[] counts = byCategory.computeIfAbsent((pair.shouldHit() ? "hit/" : "miss/") + pair.category(),
                    c -> new int[2]);
            counts[0]++;
            counts[1] += result.hit() ? 1 : 0;
            if (pair.shouldHit()) {
                paraphrases++;
                hits += result.hit() ? 1 : 0;
            } else {
                nearMisses++;
                falseHits += result.hit() ? 1 : 0;
                nearMissesAboveThreshold += result.hit() || refused ? 1 : 0;
            }
            if (result.hit() != pair.shouldHit()) {
                wrong.append(pair.shouldHit() ? "  missed: " : "  FALSE HIT: ").append(pair.query()).append(" | ")
                        .append(pair.cached()).append('\n');
            }
        }
        Scores scores = new Scores(paraphrases, hits, nearMisses, falseHits);
        System.out.printf("%s at threshold %.2f: paraphrases %d, hit %.1f%%; near misses %d, false hits %.1f%% "
                        + "(%d near misses reached the threshold: the guard refused them)%n  served per category: %s%n%s",
                resource, THRESHOLD, paraphrases, 100 * scores.hitRate(), nearMisses, 100 * scores.falseHitRate(),
                nearMissesAboveThreshold, describe(byCategory), wrong);
        assertThat(paraphrases).isGreaterThanOrEqualTo(50);
        assertThat(nearMisses).isGreaterThanOrEqualTo(60);
        return scores;
    }

    private static String describe(Map<String, int[]> byCategory) {
        StringBuilder text = new StringBuilder();
        byCategory.forEach((category, counts) -> text.append(category).append(' ').append(counts[1]).append('/')
                .append(counts[0]).append("  "));
        return text.toString();
    }

    private record Scores(int paraphrases, int hits, int nearMisses, int falseHits) {
        double hitRate() {
            return (double) hits / paraphrases;
        }

        double falseHitRate() {
            return (double) falseHits / nearMisses;
        }
    }

    /** One labeled pair: whether the query should be served the cached query's answer. */
    private record LabeledPair(boolean shouldHit, String category, String query, String cached) {

        static List<LabeledPair> load(String resource) {
            try (InputStream in = SemanticEvaluationTest.class.getResourceAsStream(resource)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .map(line -> line.split("\t"))
                        .map(f -> new LabeledPair(f[0].equals("hit"), f[1], f[2], f[3]))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
