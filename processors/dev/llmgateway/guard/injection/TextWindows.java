package dev.llmgateway.guard.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a text into windows of whole words, each run of whitespace made one space, so that an instruction hidden in a
 * long document gets a window of its own. A window never holds more than {@code windowWords} words: the embedding
 * model reads only the start of a text (all-MiniLM-L6-v2 as the gateway runs it: 128 tokens), so a longer window
 * would not be read to its end. A text of at most {@code windowWords} words is one window, the whole text; a longer
 * one gets windows starting every half window, each word in two of them; a text that would need more than
 * {@code maxWindows} of those gets {@code maxWindows} windows spread evenly over it, the first at its start and the
 * last at its end, and the words between them are left to the rules. So at most {@code maxWindows} windows and
 * {@code maxWindows * windowWords} words are scored, whatever the text's length, and no word is in more than two
 * windows. Reads the text once.
 */
final class TextWindows {

    private TextWindows() {
    }

    static List<String> of(CharSequence text, int windowWords, int maxWindows) {
        int[] bounds = wordBounds(text);
        int words = bounds.length / 2;
        if (words == 0) {
            return List.of();
        }
        if (words <= windowWords) {
            return List.of(join(text, bounds, 0, words));
        }
        int stride = Math.max(1, (windowWords + 1) / 2);
        int overlapping = (words - windowWords + stride - 1) / stride + 1;
        List<String> windows = new ArrayList<>();
        if (overlapping <= maxWindows) {
            for (int start = 0; windows.size() < overlapping; start += stride) {
                windows.add(join(text, bounds, start, Math.min(start + windowWords, words)));
            }
            return windows;
        }
        for (int i = 0; i < maxWindows; i++) {
            // the i-th of maxWindows windows from the text's start to its end, at least a half window apart
            int start = (int) ((long) i * (words - windowWords) / Math.max(1, maxWindows - 1));
            windows.add(join(text, bounds, start, start + windowWords));
        }
        return windows;
    }

    /** @return the number of words of the text, as windows count them */
    static int words(CharSequence text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    /** @return the start and end offsets of each word, in pairs */
    private static int[] wordBounds(CharSequence text) {
        int[] bounds = new int[16];
        int count = 0;
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
            if (space && start >= 0) {
                if (count + 2 > bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[count++] = start;
                bounds[count++] = i;
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return Arrays.copyOf(bounds, count);
    }

    private static String join(CharSequence text, int[] bounds, int fromWord, int toWord) {
        StringBuilder window = new StringBuilder();
        for (int w = fromWord; w < toWord; w++) {
            if (w > fromWord) {
                window.append(' ');
            }
            window.append(text, bounds[2 * w], bounds[2 * w + 1]);
        }
        return window.toString();
    }
}
