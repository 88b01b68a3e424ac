package dev.llmgateway.batch;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.guard.pii.FailClosedLogRedactor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.pii.RedactedThrowable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a document could not be summarized, in words fit for its error report or dead letter: the code and message of
 * a rejection or of the gateway's refusal; for anything unexpected, a pointer to the log, where the (PII-redacted)
 * trace goes.
 *
 * @param code   machine-readable reason (unsupported_format, empty_document, prompt_too_long, interrupted, ...)
 * @param reason what was wrong, for a person
 */
public record DocumentFailure(String code, String reason) {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentFailure.class);
    private static final FailClosedLogRedactor LOG_REDACTOR = new FailClosedLogRedactor(PiiSettings.defaults());

    public static DocumentFailure of(Throwable failure, String documentId) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DocumentRejectedException rejected) {
                return new DocumentFailure(rejected.code(), rejected.getMessage());
            }
            if (t instanceof GatewayException gateway) {
                return new DocumentFailure(gateway.code(), gateway.getMessage());
            }
            if (t instanceof InterruptedException) {
                return new DocumentFailure("interrupted", "The gateway stopped before " + documentId
                        + " was summarized; send it again.");
            }
        }
        LOG.error("Batch document {} failed unexpectedly", documentId,
                failure == null ? null : RedactedThrowable.of(failure, LOG_REDACTOR));
        return new DocumentFailure("internal_error", "The gateway failed unexpectedly while summarizing " + documentId
                + "; the operators can find the cause in its log.");
    }
}
