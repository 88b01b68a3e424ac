package dev.llmgateway.batch;

import org.apache.camel.Exchange;

/**
 * What a batch route knows about the document it works on, kept on its exchange as one property: started by the
 * route's first step, read and written by the steps after it. Redeliveries of a queued request share it.
 */
public final class BatchJob {

    private static final String PROPERTY = "llmgateway.batchJob";

    private final long startedNanos = System.nanoTime();
    private String documentId;
    private Document document;
    private Summary summary;
    private String fileKey;
    private boolean alreadySummarized;
    private String moveTo;
    private int attempts;

    private BatchJob() {
    }

    /** Starts the job of this exchange, when the route takes the document. */
    public static BatchJob start(Exchange exchange) {
        BatchJob job = new BatchJob();
        exchange.setProperty(PROPERTY, job);
        return job;
    }

    /** The job of this exchange; fails when the route's first step did not start one. */
    public static BatchJob of(Exchange exchange) {
        BatchJob job = find(exchange);
        if (job == null) {
            throw new IllegalStateException("This exchange carries no batch job: the batch route's first step "
                    + "(documentFileQueued or queueRequestReader) must start one.");
        }
        return job;
    }

    /** The job of this exchange, or null (an error handler on an exchange no step started). */
    public static BatchJob find(Exchange exchange) {
        return exchange.getProperty(PROPERTY, BatchJob.class);
    }

    /** System.nanoTime() when the document was taken. */
    public long startedNanos() {
        return startedNanos;
    }

    /** @param documentId how logs and dead letters name the document: its id, or its message's id until that is known */
    public void setDocumentId(String documentId) {
        this.documentId = documentId;
    }

    public String documentId() {
        return documentId;
    }

    public void setDocument(Document document) {
        this.document = document;
    }

    public Document document() {
        return document;
    }

    public void setSummary(Summary summary) {
        this.summary = summary;
    }

    /** Its summary, once written. */
    public Summary summary() {
        return summary;
    }

    /** @param fileKey the file's key in the record of summarized files */
    public void setFileKey(String fileKey) {
        this.fileKey = fileKey;
    }

    public String fileKey() {
        return fileKey;
    }

    /** Marks the file as summarized before (same name and content). */
    public void markAlreadySummarized(boolean alreadySummarized) {
        this.alreadySummarized = alreadySummarized;
    }

    public boolean alreadySummarized() {
        return alreadySummarized;
    }

    /** @param moveTo where the file trigger moves the original once the exchange is over (an absolute path) */
    public void setMoveTo(String moveTo) {
        this.moveTo = moveTo;
    }

    public String moveTo() {
        return moveTo;
    }

    /** Counts one more attempt to summarize the document. */
    public void countAttempt() {
        attempts++;
    }

    /** How many times summarizing the document was attempted. */
    public int attempts() {
        return attempts;
    }
}
