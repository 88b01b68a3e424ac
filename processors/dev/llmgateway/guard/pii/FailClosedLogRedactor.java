package dev.llmgateway.guard.pii;

/**
 * Redacts text on its way to logs, the ledger or a cache. If redaction fails for any reason the text is withheld
 * whole: a log line may lose detail, but never carries a raw value.
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
            return redactor.redact(text, new PlaceholderMap());
        } catch (RuntimeException | StackOverflowError e) {
            return "[withheld: " + text.length() + " characters, redaction failed]";
        }
    }
}
