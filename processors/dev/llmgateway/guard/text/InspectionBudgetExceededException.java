package dev.llmgateway.guard.text;

/**
 * A guard read more of a request's text than its {@link InspectionBudget} allows. The guards treat it as a verdict on
 * the text (fail closed), not as a fault of the gateway; no stack trace is kept, as it is expected of hostile input.
 */
public final class InspectionBudgetExceededException extends RuntimeException {

    InspectionBudgetExceededException(long limit) {
        super("inspecting the text took more than " + limit + " character reads", null, false, false);
    }
}
