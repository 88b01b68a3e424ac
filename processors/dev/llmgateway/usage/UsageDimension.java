package dev.llmgateway.usage;

import java.util.Arrays;
import java.util.Optional;

/** What usage can be grouped by: its name in queries and reports, and the ledger column behind it. */
public enum UsageDimension {
    TEAM("team", "team"),
    FEATURE("feature", "feature"),
    /** The model alias the caller named. */
    MODEL("model", "model_alias"),
    /** The region that answered, or the last one tried when none did. */
    REGION("region", "region"),
    /** The UTC day the call arrived. */
    DAY("day", "received_day");

    private final String label;
    private final String column;

    UsageDimension(String label, String column) {
        this.label = label;
        this.column = column;
    }

    public String label() {
        return label;
    }

    String column() {
        return column;
    }

    public static Optional<UsageDimension> byLabel(String label) {
        return Arrays.stream(values()).filter(d -> d.label.equals(label)).findFirst();
    }

    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(UsageDimension::label).toList());
    }
}
