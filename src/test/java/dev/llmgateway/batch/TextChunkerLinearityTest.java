package dev.llmgateway.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.guard.text.AdversarialTexts;
import dev.llmgateway.guard.text.LinearReads;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a document into words reads it a linear number of times, whitespace-only text included. */
class TextChunkerLinearityTest {

    @Test
    void wordsAreFoundLinearly() {
        double worst = LinearReads.assertLinear("TextChunker.wordEnds",
                (text, budget) -> TextChunker.wordEnds(budget.meter(text), 0, text.length()), List.of("Sentence"));
        System.out.printf("TextChunker.wordEnds, worst reads per character: %.1f%n", worst);
    }

    @Test
    void wordsEndWhereTheRegexEndedThem() {
        assertThat(TextChunker.wordEnds(" ab\t c\u000Bd  ", 0, 10)).containsExactly(3, 6, 8);
        assertThat(TextChunker.wordEnds("x ab cd", 2, 7)).containsExactly(4, 7);
        assertThat(TextChunker.wordEnds("   \n\t ", 0, 6)).isEmpty();
        assertThat(TextChunker.wordEnds("a\u00a0b", 0, 3)).containsExactly(3);
    }

    @Test
    void aLongWhitespaceOnlyOrWordlessTextIsCutQuickly() {
        int size = AdversarialTexts.sizes().get(AdversarialTexts.sizes().size() - 1);
        for (String text : List.of(" ".repeat(size), "\n".repeat(size), ("word" + " ".repeat(1000)).repeat(size / 1004))) {
            long start = System.nanoTime();
            List<String> parts = new TextChunker(500, 50).split(text);
            assertThat(String.join("", new TextChunker(500, 0).split(text))).isEqualTo(text);
            assertThat(parts).isNotEmpty();
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(10 + size / 25_000.0);
        }
    }
}
