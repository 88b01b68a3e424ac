package dev.llmgateway.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingPiiTest {

    private static final PiiRedactor REDACTOR = new PiiRedactor(PiiSettings.defaults());
    private static final int LOOK_AHEAD = 64;

    private static List<String> chunks(String text, int size) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            chunks.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return chunks;
    }

    @Test
    void neverLeaksAValueSplitAcrossChunksAndHoldsBackAtMostTheLookAhead() {
        String text = "Hello, my card is 4111 1111 1111 1111 and my mail is jane.doe@example.com; ".repeat(3)
                + "the office line is +44 20 7946 0958 and that's all.";
        for (int size : new int[] {1, 3, 7, 16, 50}) {
            StreamingRedactor streaming = new StreamingRedactor(REDACTOR, new PlaceholderMap(), LOOK_AHEAD);
            StringBuilder out = new StringBuilder();
            for (String chunk : chunks(text, size)) {
                out.append(streaming.accept(chunk));
                assertThat(out.toString()).doesNotContain("4111", "jane.doe", "7946");
                assertThat(streaming.heldBack()).isLessThanOrEqualTo(LOOK_AHEAD);
            }
            out.append(streaming.finish());
            assertThat(out.toString()).as("chunks of " + size).isEqualTo(REDACTOR.redact(text, new PlaceholderMap(), InspectionBudget.forCharacters(text.length())));
        }
    }

    @Test
    void masksATokenLikeRunLongerThanTheLookAheadAndDropsItsRest() {
        String secret = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ." + "Xy9Qz7Lm3Np8Rt2Vw6".repeat(8);
        StreamingRedactor streaming = new StreamingRedactor(REDACTOR, new PlaceholderMap(), LOOK_AHEAD);
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks("token " + secret + " done", 10)) {
            out.append(streaming.accept(chunk));
        }
        out.append(streaming.finish());

        assertThat(out.toString()).startsWith("token <").endsWith(" done").doesNotContain("Xy9Qz7", "eyJzdWIi");
    }

    @Test
    void restoresPlaceholdersSplitAcrossChunks() {
        PlaceholderMap placeholders = new PlaceholderMap();
        String redacted = REDACTOR.redact("Write to jane.doe@example.com or call +1 415-555-2671 <now>.", placeholders,
                InspectionBudget.unlimited());
        assertThat(redacted).isEqualTo("Write to <EMAIL_1> or call <PHONE_1> <now>.");

        for (int size : new int[] {1, 2, 5}) {
            StreamingRestorer restorer = new StreamingRestorer(placeholders);
            StringBuilder out = new StringBuilder();
            for (String chunk : chunks(redacted, size)) {
                out.append(restorer.accept(chunk));
                assertThat(out.toString()).doesNotContain("<EMAIL", "<PHONE");
            }
            out.append(restorer.finish());
            assertThat(out.toString()).isEqualTo("Write to jane.doe@example.com or call +1 415-555-2671 <now>.");
        }
    }
}
