package dev.llmgateway.guard.pii;

/**
 * A copy of a failure fit for a log: the same class name, stack and causes, with every message redacted.
 * Exception messages can quote request content (an upstream's validation message, a parser's excerpt).
 */
public final class RedactedThrowable extends RuntimeException {

    private RedactedThrowable(String message, RedactedThrowable cause) {
        super(message, cause, false, true);
    }

    public static RedactedThrowable of(Throwable failure, FailClosedLogRedactor redactor) {
        RedactedThrowable cause = failure.getCause() == null || failure.getCause() == failure
                ? null : of(failure.getCause(), redactor);
        RedactedThrowable copy = new RedactedThrowable(
                failure.getClass().getName() + ": " + redactor.redact(String.valueOf(failure.getMessage())), cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
