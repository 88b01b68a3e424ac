package dev.llmgateway.guard.text;

/**
 * How many characters of caller text one guard may read for one request: a fixed allowance plus a number of reads per
 * character of the text it inspects. Every match over caller text reads through {@link #meter}, so a pattern or a loop
 * that would read a text more often than that stops with {@link InspectionBudgetExceededException} instead of holding
 * a worker thread. The guards are linear by construction (RE2/J patterns, single-pass loops); this is the second line
 * of defence, and the counter the linearity tests read. Not thread-safe: one budget per request and guard.
 */
public final class InspectionBudget {

    /** Reads allowed per character inspected; the worst input class measured needs far fewer (docs/benchmarks.md). */
    public static final long READS_PER_CHARACTER = 2_000;
    /** Reads allowed whatever the length, so short texts with many rules never run out. */
    public static final long FIXED_READS = 4_000_000;

    private final long limit;
    private long reads;

    private InspectionBudget(long limit) {
        this.limit = limit;
    }

    /** @return a budget for inspecting {@code characters} characters of caller text */
    public static InspectionBudget forCharacters(long characters) {
        return new InspectionBudget(FIXED_READS + READS_PER_CHARACTER * Math.max(0, characters));
    }

    /** @return a budget that never runs out but still counts, for measuring */
    public static InspectionBudget unlimited() {
        return new InspectionBudget(Long.MAX_VALUE);
    }

    /** @return the text as a sequence whose every character read is charged to this budget */
    public CharSequence meter(CharSequence text) {
        return new MeteredText(text, 0, text.length(), this);
    }

    /** @return the part of the text from {@code start} to {@code end}, metered the same way, without copying it */
    public CharSequence meter(CharSequence text, int start, int end) {
        return new MeteredText(text, start, end, this);
    }

    /** @return the characters read so far */
    public long reads() {
        return reads;
    }

    /** Charges reads done outside a metered text, e.g. by a loop over a derived string. */
    public void charge(long count) {
        reads += count;
        if (reads > limit) {
            throw new InspectionBudgetExceededException(limit);
        }
    }
}
