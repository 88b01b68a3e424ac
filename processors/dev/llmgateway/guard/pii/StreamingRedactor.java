package dev.llmgateway.guard.pii;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;

/**
 * Redacts text that arrives in chunks. It holds back at most the look-ahead, so a value split across chunks is
 * seen whole before anything of it is written, as long as the value is shorter than the look-ahead. A token-like
 * run longer than the look-ahead cannot be judged whole; it is masked and the rest of it dropped, failing closed.
 * Each call reads the text it holds within an {@link InspectionBudget} for that text, and throws
 * {@link dev.llmgateway.guard.text.InspectionBudgetExceededException} if it cannot. Not thread-safe: one per stream.
 */
public class StreamingRedactor {

    /** Written in place of a token-like run too long to judge within the look-ahead. */
    public static final String LONG_TOKEN_MASK = "<REDACTED_TOKEN>";

    private final PiiRedactor redactor;
    private final PlaceholderMap placeholders;
    private final int lookAhead;
    private final StringBuilder buffer = new StringBuilder();
    private boolean droppingRestOfToken;

    public StreamingRedactor(PiiRedactor redactor, PlaceholderMap placeholders, int lookAhead) {
        this.redactor = redactor;
        this.placeholders = placeholders;
        this.lookAhead = lookAhead;
    }

    /** @return the redacted text that can be written now; the last look-ahead characters at most are held back */
    public String accept(String chunk) {
        buffer.append(chunk);
        dropRestOfMaskedToken();
        if (buffer.length() <= lookAhead) {
            return "";
        }
        String text = buffer.toString();
        List<PiiMatch> matches = redactor.find(text, InspectionBudget.forCharacters(text.length()));
        int cut = text.length() - lookAhead;
        for (PiiMatch match : matches) {
            if (match.start() < cut && cut < match.end()) {
                if (match.end() < text.length()) {
                    cut = match.end();
                } else {
                    // A value that reaches the end of the buffer is longer than the look-ahead and may still grow.
                    cut = text.length();
                    droppingRestOfToken = true;
                }
            }
        }
        String emitted;
        int runStart = runStart(text, cut);
        if (!droppingRestOfToken && runStart < cut && runReachesEnd(text, cut)
                && looksLikeSecret(text.substring(runStart))) {
            emitted = PiiRedactor.replace(text.substring(0, runStart), within(matches, runStart), placeholders) + LONG_TOKEN_MASK;
            droppingRestOfToken = true;
            buffer.setLength(0);
            return emitted;
        }
        emitted = PiiRedactor.replace(text.substring(0, cut), within(matches, cut), placeholders);
        buffer.delete(0, cut);
        if (droppingRestOfToken) {
            buffer.setLength(0);
        }
        return emitted;
    }

    /** @return how many received characters are not written yet; never more than the look-ahead after {@link #accept} */
    public int heldBack() {
        return buffer.length();
    }

    /** @return the rest of the text, redacted; call once when the stream ends */
    public String finish() {
        dropRestOfMaskedToken();
        String rest = redactor.redact(buffer.toString(), placeholders, InspectionBudget.forCharacters(buffer.length()));
        buffer.setLength(0);
        return rest;
    }

    private void dropRestOfMaskedToken() {
        if (!droppingRestOfToken) {
            return;
        }
        int i = 0;
        while (i < buffer.length() && !Character.isWhitespace(buffer.charAt(i))) {
            i++;
        }
        buffer.delete(0, i);
        if (!buffer.isEmpty()) {
            droppingRestOfToken = false;
        }
    }

    private static List<PiiMatch> within(List<PiiMatch> matches, int end) {
        return matches.stream().filter(m -> m.end() <= end).toList();
    }

    private static int runStart(String text, int cut) {
        int start = cut;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static boolean runReachesEnd(String text, int cut) {
        for (int i = cut; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return cut < text.length();
    }

    private static boolean looksLikeSecret(String run) {
        return isTokenLike(run) && run.chars().anyMatch(Character::isDigit)
                && run.chars().anyMatch(Character::isUpperCase) && run.chars().anyMatch(Character::isLowerCase)
                && Checksums.entropy(run) >= 4.0;
    }

    /** {@code [A-Za-z0-9_\-+/=.~:]+} */
    private static boolean isTokenLike(String run) {
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "_-+/=.~:".indexOf(c) >= 0)) {
                return false;
            }
        }
        return !run.isEmpty();
    }
}
