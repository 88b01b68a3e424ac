package dev.llmgateway.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.cache.Embedder;
import dev.llmgateway.cache.LocalMiniLmEmbedder;
import dev.llmgateway.cache.PromptEmbeddings;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Measures the detector on hand-written labeled sets, and on the held-out one also the rules with the classifier. The
 * held-out split was taken from the same pool before the rules were tuned (every third item of each class) and was
 * not used for tuning, nor is it in any fit of the classifier.
 */
class InjectionEvaluationTest {

    private static final double MIN_RECALL = 0.90;
    private static final double MAX_FALSE_POSITIVE_RATE = 0.02;
    private static final double HELD_OUT_MIN_RECALL = 0.90;
    private static final double HELD_OUT_MAX_FALSE_POSITIVE_RATE = 0.02;
    /**
     * The classifier is calibrated for 3% false positives on texts of datasets it never saw
     * (InjectionClassifierTraining); on 53 benign texts one more is 1.9 points.
     */
    private static final double HELD_OUT_MAX_FALSE_POSITIVE_RATE_WITH_CLASSIFIER = 0.04;

    private final InjectionDetector detector = new InjectionDetector();
    private final InjectionClassifier classifier = InjectionClassifier.bundled();
    private final Embedder embedder = new LocalMiniLmEmbedder();

    @Test
    void developmentSetMeetsTheGoal() {
        Scores scores = evaluate("/guard/injection-dev.tsv");
        assertThat(scores.recall()).as("recall on the development set").isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(scores.falsePositiveRate()).as("false-positive rate on the development set").isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
    }

    @Test
    void heldOutSetMeetsTheGoal() {
        Scores scores = evaluate("/guard/injection-heldout.tsv");
        assertThat(scores.recall()).as("recall on the held-out set").isGreaterThanOrEqualTo(HELD_OUT_MIN_RECALL);
        assertThat(scores.falsePositiveRate()).as("false-positive rate on the held-out set").isLessThanOrEqualTo(HELD_OUT_MAX_FALSE_POSITIVE_RATE);
    }

    /** The held-out split is in no fit of the classifier (InjectionClassifierTraining.NEVER_FITTED). */
    @Test
    void heldOutSetMeetsTheGoalWithTheClassifier() {
        Scores scores = evaluate("/guard/injection-heldout.tsv", text -> classifier.review(detector.inspect(text), text,
                InspectionBudget.forCharacters(text.length()), () -> new PromptEmbeddings(embedder)));
        assertThat(scores.recall()).as("recall on the held-out set").isGreaterThanOrEqualTo(HELD_OUT_MIN_RECALL);
        assertThat(scores.falsePositiveRate()).as("false-positive rate on the held-out set")
                .isLessThanOrEqualTo(HELD_OUT_MAX_FALSE_POSITIVE_RATE_WITH_CLASSIFIER);
    }

    private Scores evaluate(String resource) {
        return evaluate(resource, detector::inspect);
    }

    private Scores evaluate(String resource, Function<String, InjectionVerdict> guard) {
        List<LabeledPrompt> prompts = LabeledPrompt.load(resource);
        int attacks = 0;
        int caught = 0;
        int benign = 0;
        int falseAlarms = 0;
        StringBuilder misses = new StringBuilder();
        for (LabeledPrompt prompt : prompts) {
            InjectionVerdict verdict = guard.apply(prompt.text());
            if (prompt.attack()) {
                attacks++;
                caught += verdict.injection() ? 1 : 0;
            } else {
                benign++;
                falseAlarms += verdict.injection() ? 1 : 0;
            }
            if (verdict.injection() != prompt.attack()) {
                misses.append(prompt.attack() ? "  missed: " : "  false alarm: ").append(prompt.text().replace("\n", "\\n"))
                        .append(" ").append(verdict.findings()).append('\n');
            }
        }
        Scores scores = new Scores(attacks, caught, benign, falseAlarms);
        System.out.printf("%s: %d attacks, recall %.1f%%; %d benign, false-positive rate %.1f%%%n%s", resource, attacks,
                100 * scores.recall(), benign, 100 * scores.falsePositiveRate(), misses);
        assertThat(attacks).isGreaterThanOrEqualTo(40);
        assertThat(benign).isGreaterThanOrEqualTo(50);
        return scores;
    }

    private record Scores(int attacks, int caught, int benign, int falseAlarms) {
        double recall() {
            return (double) caught / attacks;
        }

        double falsePositiveRate() {
            return (double) falseAlarms / benign;
        }
    }
}
