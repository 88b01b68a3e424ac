package dev.llmgateway.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.guard.tokens.TokenEstimator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextChunkerTest {

    private static String prose(int sentences) {
        return IntStream.rangeClosed(1, sentences)
                .mapToObj(i -> "Sentence number " + i + " says the harbour reopened after repairs to pier " + i + ". ")
                .collect(Collectors.joining());
    }

    @Test
    void aShortTextIsOnePart() {
        assertThat(new TextChunker(1000, 100).split("One short sentence. And another.")).containsExactly(
                "One short sentence. And another.");
    }

    @Test
    void everyPartFitsAndPartsEndAtSentences() {
        String text = prose(200);
        List<String> parts = new TextChunker(120, 30).split(text);

        assertThat(parts).hasSizeGreaterThan(5);
        assertThat(parts).allSatisfy(part -> {
            assertThat(TokenEstimator.rawCount(part)).isLessThanOrEqualTo(120);
            assertThat(part.strip()).endsWith(".");
        });
    }

    @Test
    void eachPartStartsWithTheEndOfThePartBefore() {
        String text = prose(100);
        List<String> parts = new TextChunker(120, 30).split(text);

        for (int i = 1; i < parts.size(); i++) {
            String previous = parts.get(i - 1);
            String firstSentence = parts.get(i).substring(0, parts.get(i).indexOf(". ") + 2);
            assertThat(previous).endsWith(firstSentence);
            assertThat(TokenEstimator.rawCount(firstSentence)).isLessThanOrEqualTo(30);
        }
    }

    @Test
    void withoutOverlapThePartsGiveTheTextBackExactly() {
        String text = "# Title\n\n" + prose(80) + "\n\nA closing paragraph.\n";
        List<String> parts = new TextChunker(100, 0).split(text);

        assertThat(parts).hasSizeGreaterThan(3);
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void aSentenceLongerThanAPartIsCutBetweenWords() {
        String longSentence = "word ".repeat(500).strip() + ".";
        List<String> parts = new TextChunker(50, 0).split(longSentence);

        assertThat(parts).hasSizeGreaterThan(5);
        assertThat(parts).allSatisfy(part -> assertThat(TokenEstimator.rawCount(part)).isLessThanOrEqualTo(50));
        assertThat(String.join("", parts)).isEqualTo(longSentence);
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(part -> assertThat(part).endsWith("word"));
    }

    @Test
    void aRunWithoutSpacesIsCutAnywhereAndKeepsSurrogatePairsWhole() {
        String run = "a1b2c3d4e5\uD83D\uDE00".repeat(400);
        List<String> parts = new TextChunker(40, 10).split(run);

        assertThat(parts).hasSizeGreaterThan(10);
        assertThat(parts).allSatisfy(part -> {
            assertThat(TokenEstimator.rawCount(part)).isLessThanOrEqualTo(40);
            assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
        });
        assertThat(String.join("", new TextChunker(40, 0).split(run))).isEqualTo(run);
    }

    @Test
    void anOverlapAsLargeAsAPartStillMovesForward() {
        String text = prose(60);
        List<String> parts = new TextChunker(60, 1000).split(text);

        assertThat(parts).allSatisfy(part -> assertThat(TokenEstimator.rawCount(part)).isLessThanOrEqualTo(60));
        assertThat(parts.get(parts.size() - 1)).endsWith("pier 60. ");
    }
}
