package dev.llmgateway.guard.text;

/**
 * Runs of combining marks (Mn, Mc, Me) in caller text. No writing needs more than {@value #STREAM_SAFE_RUN} in a row
 * (UAX #15's stream-safe limit), and the JDK's normalizer puts a run in order in time quadratic in its length, so a
 * text is normalized only with its runs within that limit.
 */
public final class CombiningMarks {

    public static final int STREAM_SAFE_RUN = 30;

    private CombiningMarks() {
    }

    public static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** @return whether some run of marks in the text is longer than {@value #STREAM_SAFE_RUN} */
    public static boolean hasLongRun(CharSequence text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = isMark(text.charAt(i)) ? run + 1 : 0;
            if (run > STREAM_SAFE_RUN) {
                return true;
            }
        }
        return false;
    }

    /** @return the text with each run of marks cut to its first {@value #STREAM_SAFE_RUN} (a view for inspection) */
    public static CharSequence cutLongRuns(CharSequence text) {
        if (!hasLongRun(text)) {
            return text;
        }
        StringBuilder cut = new StringBuilder(text.length());
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = isMark(c) ? run + 1 : 0;
            if (run <= STREAM_SAFE_RUN) {
                cut.append(c);
            }
        }
        return cut;
    }
}
