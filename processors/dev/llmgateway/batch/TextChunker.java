package dev.llmgateway.batch;

import dev.llmgateway.guard.tokens.TokenEstimator;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a text into parts of at most a number of tokens (cl100k_base count), at sentence ends where it can, and at
 * word boundaries or, for a run of characters with no space, anywhere when it must. Each part after the first
 * starts with the last sentences of the one before (up to the overlap), so no passage loses its context.
 * Concatenating the parts without their overlaps gives the text back exactly.
 */
public final class TextChunker {

    /** A first guess for a slice of a run with no spaces; halved until the slice fits. */
    private static final long SLICE_CHARACTERS_PER_TOKEN = 4;

    private final int maxTokens;
    private final int overlapTokens;

    /**
     * @param maxTokens     the most tokens one part may have (at least 1)
     * @param overlapTokens tokens a part repeats from the one before; at most half a part is used
     */
    public TextChunker(int maxTokens, int overlapTokens) {
        if (maxTokens < 1 || overlapTokens < 0) {
            throw new IllegalArgumentException("need maxTokens >= 1 and overlapTokens >= 0, got " + maxTokens
                    + " and " + overlapTokens);
        }
        this.maxTokens = maxTokens;
        this.overlapTokens = Math.min(overlapTokens, maxTokens / 2);
    }

    public List<String> split(String text) {
        List<Unit> units = units(text);
        long[] before = new long[units.size() + 1];
        for (int i = 0; i < units.size(); i++) {
            before[i + 1] = before[i] + units.get(i).tokens();
        }
        List<String> parts = new ArrayList<>();
        int first = 0;
        while (first < units.size()) {
            int end = first + 1;
            while (end < units.size() && before[end + 1] - before[first] <= maxTokens) {
                end++;
            }
            String part = text.substring(units.get(first).start(), units.get(end - 1).end());
            // Units are counted one by one; joined, a boundary may tokenize differently, so the part is recounted.
            while (end - first > 1 && TokenEstimator.rawCount(part) > maxTokens) {
                end--;
                part = text.substring(units.get(first).start(), units.get(end - 1).end());
            }
            parts.add(part);
            if (end == units.size()) {
                break;
            }
            first = overlapStart(before, first, end);
        }
        return parts;
    }

    /** @return where the next part starts: as many whole units before {@code end} as fit the overlap and leave room for the unit at {@code end} */
    private int overlapStart(long[] before, int first, int end) {
        int next = end;
        while (next - 1 > first && before[end] - before[next - 1] <= overlapTokens
                && before[end + 1] - before[next - 1] <= maxTokens) {
            next--;
        }
        return next;
    }

    private List<Unit> units(String text) {
        List<Unit> units = new ArrayList<>();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            addSentence(text, start, end, units);
        }
        return units;
    }

    private void addSentence(String text, int start, int end, List<Unit> units) {
        int tokens = TokenEstimator.rawCount(text.substring(start, end));
        if (tokens <= maxTokens) {
            units.add(new Unit(start, end, tokens));
            return;
        }
        List<Integer> wordEnds = wordEnds(text, start, end);
        if (wordEnds.isEmpty()) {
            wordEnds.add(end);
        }
        wordEnds.set(wordEnds.size() - 1, end);
        int wordStart = start;
        for (int wordEnd : wordEnds) {
            addWord(text, wordStart, wordEnd, units);
            wordStart = wordEnd;
        }
    }

    /**
     * @return where each word of the range ends, a word being the whitespace before it and a run of anything else
     *         ({@code \s*\S+}), found in one pass: the regex took time quadratic in a run of whitespace
     */
    static List<Integer> wordEnds(CharSequence text, int start, int end) {
        List<Integer> ends = new ArrayList<>();
        int at = start;
        while (true) {
            while (at < end && isSpace(text.charAt(at))) {
                at++;
            }
            if (at == end) {
                return ends;
            }
            while (at < end && !isSpace(text.charAt(at))) {
                at++;
            }
            ends.add(at);
        }
    }

    /** java.util.regex's {@code \s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Adds a word as one unit, or, when it alone is over the limit, in slices of characters that fit. */
    private void addWord(String text, int start, int end, List<Unit> units) {
        int wordTokens = TokenEstimator.rawCount(text.substring(start, end));
        if (wordTokens <= maxTokens) {
            units.add(new Unit(start, end, wordTokens));
            return;
        }
        int at = start;
        while (at < end) {
            int length = (int) Math.min(end - at, SLICE_CHARACTERS_PER_TOKEN * maxTokens);
            int tokens = TokenEstimator.rawCount(text.substring(at, at + length));
            while (tokens > maxTokens) {
                length = Math.max(1, length / 2);
                tokens = TokenEstimator.rawCount(text.substring(at, at + length));
            }
            int sliceEnd = at + length;
            if (sliceEnd < end && length > 1 && Character.isHighSurrogate(text.charAt(sliceEnd - 1))) {
                sliceEnd--;
                tokens = TokenEstimator.rawCount(text.substring(at, sliceEnd));
            }
            units.add(new Unit(at, sliceEnd, tokens));
            at = sliceEnd;
        }
    }

    private record Unit(int start, int end, int tokens) {
    }
}
