package dev.llmgateway.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator's own tokenizer, deliberately independent of the gateway's estimator.
 *
 * <p>Text is split into words (runs of letters and digits) and single symbols (every other
 * non-whitespace character). A word of n characters counts ceil(n / 4) tokens, a symbol counts 1,
 * whitespace counts nothing. {@link #pieces} cuts text into one-token pieces (each word split into
 * runs of at most four characters, leading whitespace attached), so the token count of any prefix of
 * pieces, re-joined, equals the number of pieces: truncating at a piece boundary is exact.
 */
public final class EmulatorTokenizer {
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");
    private static final int CHARS_PER_TOKEN = 4;

    private EmulatorTokenizer() {
    }

    public static int count(String text) {
        int tokens = 0;
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens += tokensOf(text, m.start(), m.end());
        }
        return tokens;
    }

    /** Splits text into one-token pieces whose concatenation is exactly the text. */
    public static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int pieceStart = 0;
        while (m.find()) {
            int cursor = m.start();
            while (cursor < m.end()) {
                int end = Math.min(m.end(), offsetByCodePoints(text, cursor, CHARS_PER_TOKEN));
                pieces.add(text.substring(pieceStart, end));
                pieceStart = end;
                cursor = end;
            }
        }
        if (pieceStart < text.length() && !pieces.isEmpty()) {
            int last = pieces.size() - 1;
            pieces.set(last, pieces.get(last) + text.substring(pieceStart));
        }
        return pieces;
    }

    private static int tokensOf(String text, int start, int end) {
        int length = text.codePointCount(start, end);
        return (length + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    private static int offsetByCodePoints(String text, int index, int codePoints) {
        int remaining = text.codePointCount(index, text.length());
        return text.offsetByCodePoints(index, Math.min(codePoints, remaining));
    }
}
