package dev.llmgateway.guard.pii;

import dev.llmgateway.guard.text.InspectionBudget;
import dev.llmgateway.guard.text.InspectionBudgetExceededException;

/**
 * Redacts text on its way to logs, the ledger or a cache. If redaction fails for any reason the text is withheld
 * whole: a log line may lose detail, but never carries a raw value. Reading a text costs time linear in its length
 * within an {@link InspectionBudget} for it; a text that would cost more is withheld too.
 */
public class FailClosedLogRedactor {

    private final PiiRedactor redactor;

    public FailClosedLogRedactor(PiiRedactor redactor) {
        this.redactor = redactor;
    }

    public FailClosedLogRedactor(PiiSettings settings) {
        this(new PiiRedactor(settings));
    }

    /** @return the text with values replaced by placeholders, or a mask naming only its length when redaction failed */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        try {
            return redactor.redact(text, new PlaceholderMap(), InspectionBudget.forCharacters(text.length()));
        } catch (InspectionBudgetExceededException e) {
            return overBudget(text.length());
        } catch (RuntimeException | StackOverflowError e) {
            return failed(text.length());
        }
    }

    /** @return what a log gets instead of a text that could not be redacted */
    public static String failed(int length) {
        return "[withheld: " + length + " characters, redaction failed]";
    }

    /** @return what a log gets instead of a text that could not be redacted within the inspection budget */
    public static String overBudget(int length) {
        return "[withheld: " + length + " characters, could not be redacted within the inspection budget]";
    }
}
