package dev.llmgateway.guard.text;

/** A PDF whose text {@link PdfText} could not read; the message says why ("it is encrypted"), for the caller. */
public class UnreadablePdfException extends Exception {

    public UnreadablePdfException(String reason) {
        super(reason);
    }
}
