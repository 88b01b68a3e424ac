package dev.llmgateway.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextWindowsTest {

    @Test
    void wordsAreCountedAsWindowsCutThem() {
        String text = "  one two\tthree\n\nfour  ";

        assertThat(TextWindows.words(text)).isEqualTo(4);
        assertThat(TextWindows.words("   ")).isZero();
        assertThat(TextWindows.of(text, 64, 8)).containsExactly("one two three four");
    }

    @Test
    void aShortTextIsOneWindowWithItsWhitespaceCollapsed() {
        assertThat(TextWindows.of("  What is\n\nthe capital\tof Peru?  ", 64, 8))
                .containsExactly("What is the capital of Peru?");
        assertThat(TextWindows.of(" \n\t ", 64, 8)).isEmpty();
    }

    @Test
    void aLongerTextGetsOverlappingWindowsThatCoverEveryWord() {
        List<String> windows = TextWindows.of(words(0, 100), 40, 8);

        assertThat(windows).containsExactly(words(0, 40), words(20, 60), words(40, 80), words(60, 100));
    }

    @Test
    void upToTheMaximumWindowsEveryWordIsInAWindowAndNoWindowGrows() {
        int fits = 64 + 7 * 32;

        List<String> windows = TextWindows.of(words(0, fits), 64, 8);

        assertThat(windows).hasSize(8).allSatisfy(window -> assertThat(wordCount(window)).isEqualTo(64));
        assertThat(scored(windows)).hasSize(fits);
    }

    @Test
    void aLongerTextGetsTheMaximumWindowsOfTheSameSizeSpreadFromItsStartToItsEnd() {
        String text = words(0, 10_000);

        List<String> windows = TextWindows.of(text, 64, 8);

        assertThat(windows).hasSize(8).allSatisfy(window -> assertThat(wordCount(window)).isEqualTo(64));
        assertThat(windows.get(0)).startsWith("w0 ");
        assertThat(windows.get(7)).endsWith(" w9999");
        assertThat(windows.get(1)).as("evenly spread: (10,000 - 64) / 7 words apart").startsWith("w1419 ");
        assertThat(scored(windows)).as("the cap: 8 windows of 64 words").hasSize(8 * 64);
    }

    @Test
    void theWordsScoredStayAtTheCapAndEachWordIsInAtMostTwoWindowsWhateverTheLength() {
        for (int length : new int[] {289, 300, 600, 5_000, 100_000}) {
            String text = words(0, length);

            List<String> windows = TextWindows.of(text, 64, 8);

            assertThat(windows).as("%d words", length).hasSize(8);
            int inWindows = windows.stream().mapToInt(TextWindowsTest::wordCount).sum();
            assertThat(inWindows).as("%d words", length).isEqualTo(8 * 64);
            Map<String, Long> windowsPerWord = windows.stream().flatMap(window -> Arrays.stream(window.split(" ")))
                    .collect(Collectors.groupingBy(word -> word, Collectors.counting()));
            assertThat(windowsPerWord.values()).as("%d words", length).allMatch(count -> count <= 2);
        }
    }

    @Test
    void theTextIsReadOnce() {
        String text = words(0, 5_000);
        InspectionBudget budget = InspectionBudget.unlimited();

        TextWindows.of(budget.meter(text), 64, 8);

        assertThat(budget.reads()).isLessThanOrEqualTo(3L * text.length());
    }

    private static int wordCount(String window) {
        return window.split(" ").length;
    }

    /** @return the distinct words the windows hold */
    private static Set<String> scored(List<String> windows) {
        Set<String> words = new HashSet<>();
        windows.forEach(window -> words.addAll(Arrays.asList(window.split(" "))));
        return words;
    }

    private static String words(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    }
}
