package dev.llmgateway.batch;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Runs before a request goes to the dead letters: writes why into message properties (llmgatewayErrorCode,
 * llmgatewayErrorReason, llmgatewayAttempts, llmgatewayDocumentId) of the original request, and counts it as failed.
 */
public class DeadLetterNotes implements Processor {

    public static final String ERROR_CODE = "llmgatewayErrorCode";
    public static final String ERROR_REASON = "llmgatewayErrorReason";
    public static final String ATTEMPTS = "llmgatewayAttempts";
    public static final String DOCUMENT_ID = "llmgatewayDocumentId";

    private final BatchProgress progress;

    public DeadLetterNotes(BatchProgress progress) {
        this.progress = progress;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        BatchJob job = BatchJob.find(exchange);
        String documentId = job == null ? null : job.documentId();
        DocumentFailure failure = DocumentFailure.of(caught, documentId);
        Message message = exchange.getMessage();
        message.setHeader(ERROR_CODE, failure.code());
        message.setHeader(ERROR_REASON, failure.reason());
        message.setHeader(ATTEMPTS, job == null ? 0 : job.attempts());
        message.setHeader(DOCUMENT_ID, documentId);
        progress.failed(QueueRequestReader.SOURCE, documentId, failure.code(), failure.reason());
    }
}
