package dev.llmgateway.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TextWindowsTest {

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
    void aVeryLongTextGetsAtMostTheMaximumWindowsCoveringEveryWordAndAtMostTwiceItsLength() {
        String text = words(0, 10_000);

        List<String> windows = TextWindows.of(text, 64, 8);

        assertThat(windows).hasSizeLessThanOrEqualTo(8);
        assertThat(windows.get(0)).startsWith("w0 ");
        assertThat(windows.get(windows.size() - 1)).endsWith(" w9999");
        for (int i = 1; i < windows.size(); i++) {
            String previousLast = windows.get(i - 1).substring(windows.get(i - 1).lastIndexOf(' ') + 1);
            assertThat(windows.get(i)).as("window %d overlaps the one before", i).contains(" " + previousLast + " ");
        }
        assertThat(windows.stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(2 * text.length());
    }

    @Test
    void theTextIsReadOnce() {
        String text = words(0, 5_000);
        InspectionBudget budget = InspectionBudget.unlimited();

        TextWindows.of(budget.meter(text), 64, 8);

        assertThat(budget.reads()).isLessThanOrEqualTo(3L * text.length());
    }

    private static String words(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    }
}
