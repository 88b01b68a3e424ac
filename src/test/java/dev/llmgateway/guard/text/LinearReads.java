package dev.llmgateway.guard.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Asserts that an inspection reads a text a number of times that grows linearly with its length: run over every
 * {@link AdversarialTexts} class at growing sizes, the characters read through an {@link InspectionBudget} at each
 * size may grow at most 25% faster than the size itself, and never exceed the production budget.
 */
public final class LinearReads {

    private LinearReads() {
    }

    /** An inspection of caller text that reads it through the budget it is given. */
    @FunctionalInterface
    public interface Inspection {
        void inspect(String text, InspectionBudget budget);
    }

    /** @return the worst reads per character seen over all classes and sizes, after asserting linear growth */
    public static double assertLinear(String what, Inspection inspection, List<String> leadWords) {
        double worst = 0;
        for (Map.Entry<String, IntFunction<String>> entry : AdversarialTexts.classes(leadWords).entrySet()) {
            worst = Math.max(worst, assertLinear(what + ", " + entry.getKey(), entry.getValue(), inspection));
        }
        return worst;
    }

    private static double assertLinear(String what, IntFunction<String> texts, Inspection inspection) {
        List<Integer> sizes = AdversarialTexts.sizes();
        long previousReads = -1;
        int previousLength = 0;
        double worst = 0;
        for (int size : sizes) {
            String text = texts.apply(size);
            InspectionBudget budget = InspectionBudget.unlimited();
            inspection.inspect(text, budget);
            long reads = budget.reads();
            assertThat(reads).as("%s at %d characters: reads within the production budget", what, text.length())
                    .isLessThanOrEqualTo(InspectionBudget.FIXED_READS + InspectionBudget.READS_PER_CHARACTER * text.length());
            if (previousReads >= 0) {
                double growth = (double) text.length() / previousLength;
                assertThat((double) reads).as("%s: %d reads at %d characters, %d at %d (grows faster than linearly)",
                                what, previousReads, previousLength, reads, text.length())
                        .isLessThanOrEqualTo(1.25 * growth * previousReads + text.length());
            }
            worst = Math.max(worst, (double) reads / Math.max(1, text.length()));
            previousReads = reads;
            previousLength = text.length();
        }
        return worst;
    }
}
