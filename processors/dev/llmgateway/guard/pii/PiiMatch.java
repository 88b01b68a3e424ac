package dev.llmgateway.guard.pii;

/** A value found in a text: its type and its character range [start, end). */
public record PiiMatch(PiiType type, int start, int end) {

    public int length() {
        return end - start;
    }

    public boolean overlaps(PiiMatch other) {
        return start < other.end && other.start < end;
    }
}
