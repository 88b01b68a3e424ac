package dev.llmgateway.guard.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a text into overlapping windows of whole words, each run of whitespace made one space, so that an instruction
 * hidden in a long document gets a window of its own. A text of at most {@code windowWords} words is one window, the
 * whole text; a longer one gets windows of {@code windowWords} words starting every half window, and past
 * {@code maxWindows} such windows they grow instead of multiplying, so the count stays bounded and the total length
 * stays at most twice the text's. Reads the text once.
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
        int size = Math.max(windowWords, (2 * words + maxWindows) / (maxWindows + 1));
        int stride = Math.max(1, (size + 1) / 2);
        List<String> windows = new ArrayList<>();
        for (int start = 0; ; start += stride) {
            boolean last = start + size >= words || windows.size() == maxWindows - 1;
            int end = last ? words : start + size;
            windows.add(join(text, bounds, start, end));
            if (last) {
                return windows;
            }
        }
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
