package dev.llmgateway.guard.text;

/** A window on a text whose every character read is charged to an {@link InspectionBudget}. */
final class MeteredText implements CharSequence {

    private final CharSequence text;
    private final int start;
    private final int end;
    private final InspectionBudget budget;

    MeteredText(CharSequence text, int start, int end, InspectionBudget budget) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.budget = budget;
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= end - start) {
            throw new IndexOutOfBoundsException(index);
        }
        budget.charge(1);
        return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        if (from < 0 || to > end - start || from > to) {
            throw new IndexOutOfBoundsException("from " + from + " to " + to + " of " + (end - start));
        }
        return new MeteredText(text, start + from, start + to, budget);
    }

    @Override
    public String toString() {
        budget.charge(end - start);
        return text.subSequence(start, end).toString();
    }
}
