package dev.llmgateway.guard.pii;

/**
 * Puts the original values back into an answer that streams in chunks. A placeholder may arrive split, e.g.
 * "&lt;EMA" then "IL_1&gt;", so a trailing "&lt;" that could still become a placeholder is held back, never more
 * than {@link PlaceholderMap#MAX_PLACEHOLDER_LENGTH} characters. Not thread-safe: one per stream.
 */
public class StreamingRestorer {

    private final PlaceholderMap placeholders;
    private final StringBuilder held = new StringBuilder();

    public StreamingRestorer(PlaceholderMap placeholders) {
        this.placeholders = placeholders;
    }

    public String accept(String chunk) {
        held.append(chunk);
        int open = held.lastIndexOf("<");
        int keep = held.length();
        if (open >= 0 && held.length() - open < PlaceholderMap.MAX_PLACEHOLDER_LENGTH && isPlaceholderPrefix(open)) {
            keep = open;
        }
        String ready = placeholders.restore(held.substring(0, keep));
        held.delete(0, keep);
        return ready;
    }

    public String finish() {
        String rest = placeholders.restore(held.toString());
        held.setLength(0);
        return rest;
    }

    /** Whether the held text from {@code open} on is {@code <[A-Z0-9_]*}, the start of a placeholder. */
    private boolean isPlaceholderPrefix(int open) {
        for (int i = open + 1; i < held.length(); i++) {
            char c = held.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
