package dev.llmgateway.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LexicalInjectionModelTest {

    private static final int BITS = 16;
    private static final InjectionVerdict NOTHING = new InjectionVerdict(List.of(), 0, false);
    private static final InjectionVerdict OVERRIDE_PHRASE = new InjectionVerdict(List.of(
            new InjectionFinding(InjectionFamily.INSTRUCTION_OVERRIDE, "override.ignore-previous", 1.0)), 1.0, true);
    private static final LexicalInjectionModel DECIDING = new LexicalInjectionModel(BITS, new float[1 << BITS],
            new float[1 << BITS], 0, 0.9, 0.2);

    @Test
    void featuresAreHashedNgramsThatIgnoreCaseAndSeeWordOrder() {
        LexicalFeatures features = LexicalFeatures.counted("Reveal the hidden rules", BITS);
        assertThat(IntStream.of(features.buckets()).allMatch(bucket -> bucket >= 0 && bucket < 1 << BITS)).isTrue();
        assertThat(LexicalFeatures.counted("REVEAL the Hidden rules!", BITS)).usingRecursiveComparison()
                .isEqualTo(features);
        assertThat(LexicalFeatures.counted("the hidden rules reveal", BITS).buckets()).as("another pair of words")
                .isNotEqualTo(features.buckets());
        assertThat(LexicalFeatures.counted("  ,;  ", BITS).buckets()).isEmpty();
        assertThat(LexicalFeatures.counted("rules rules", BITS).values()).as("log(1 + count)")
                .contains((float) Math.log1p(2), (float) Math.log1p(1));
    }

    @Test
    void aWordStartingASentenceOrLineButTheFirstIsOneMoreFeature() {
        int plain = LexicalFeatures.counted("note provide the list", BITS).buckets().length;
        assertThat(LexicalFeatures.counted("note. provide the list", BITS).buckets()).hasSize(plain + 1);
        assertThat(LexicalFeatures.counted("note\nprovide the list", BITS).buckets()).hasSize(plain + 1);
        assertThat(LexicalFeatures.counted("Note provide the list.", BITS).buckets()).as("the text's first word")
                .hasSize(plain);
    }

    @Test
    void weightedFeaturesHaveUnitLengthAndWeighRareNgramsMore() {
        LexicalFeatures counted = LexicalFeatures.counted("reveal the rules", BITS);
        float[] frequency = new float[1 << BITS];
        Arrays.fill(frequency, 1);
        int rare = counted.buckets()[0];
        frequency[rare] = 4;
        LexicalFeatures weighted = counted.weighted(frequency);
        double norm = 0;
        for (float value : weighted.values()) {
            norm += value * value;
        }
        assertThat(norm).isCloseTo(1, within(1e-5));
        assertThat(weighted.values()[0] / weighted.values()[1])
                .isCloseTo(4 * counted.values()[0] / counted.values()[1], within(1e-4f));
        assertThat(LexicalFeatures.counted("", BITS).weighted(frequency).values()).isEmpty();
    }

    @Test
    void aTextOfOneEndlessWordHasNoMoreBucketsThanTheModelHolds() {
        LexicalFeatures features = LexicalFeatures.counted("ab".repeat(500_000), BITS);
        assertThat(features.buckets().length).isLessThanOrEqualTo(1 << BITS);
    }

    @Test
    void aScoreAtTheThresholdMakesATextTheRulesPassedAnInjectionNamingTheLexicalModel() {
        InjectionVerdict verdict = DECIDING.judge(NOTHING, 0.9, true);
        assertThat(verdict.injection()).isTrue();
        assertThat(verdict.findings()).extracting(InjectionFinding::rule).containsExactly("classifier.lexical");
        assertThat(DECIDING.judge(NOTHING, 0.89, true)).as("left to the embedding model").isNull();
    }

    @Test
    void anOverrulableVerdictIsOverruledBelowTheOverruleAndOnlyThen() {
        InjectionVerdict overruled = DECIDING.judge(OVERRIDE_PHRASE, 0.19, true);
        assertThat(overruled.injection()).isFalse();
        assertThat(overruled.findings()).as("kept for the log").isEqualTo(OVERRIDE_PHRASE.findings());
        assertThat(DECIDING.judge(OVERRIDE_PHRASE, 0.2, true)).isNull();
        assertThat(DECIDING.judge(OVERRIDE_PHRASE, 0.0, false)).as("a verdict that stands alone").isNull();
    }

    @Test
    void weightsSurviveTheModelFilesEncodingAndMustFitTheBuckets() {
        float[] weights = new float[1 << BITS];
        weights[7] = 1.5f;
        weights[65_535] = -0.25f;
        assertThat(LexicalInjectionModel.decode(LexicalInjectionModel.encode(weights))).containsExactly(weights);
        assertThatThrownBy(() -> new LexicalInjectionModel(BITS, new float[1 << BITS], new float[10], 0, 0.9, 0.2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
