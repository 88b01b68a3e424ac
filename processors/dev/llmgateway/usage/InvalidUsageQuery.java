package dev.llmgateway.usage;

/** A usage query parameter that cannot be used; the message names it and says what it takes. */
public class InvalidUsageQuery extends IllegalArgumentException {

    public InvalidUsageQuery(String message) {
        super(message);
    }
}
