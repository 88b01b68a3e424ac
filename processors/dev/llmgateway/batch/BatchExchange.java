package dev.llmgateway.batch;

/** Names of the exchange properties the batch steps read and write. */
public final class BatchExchange {

    /** The {@link Document} being summarized. */
    public static final String DOCUMENT = "llmgateway.batch.document";
    /** Its {@link Summary}, once written. */
    public static final String SUMMARY = "llmgateway.batch.summary";
    /** System.nanoTime() when the document was taken (a Long). */
    public static final String STARTED_NANOS = "llmgateway.batch.startedNanos";
    /** Where the file trigger moves the original once the exchange is over (an absolute path, a String). */
    public static final String MOVE_TO = "llmgateway.batch.moveTo";
    /** True when the same file (name and content) was summarized before. */
    public static final String ALREADY_SUMMARIZED = "llmgateway.batch.alreadySummarized";
    /** How logs and dead letters name the document (a String): its id, or its message's id until that is known. */
    public static final String DOCUMENT_ID = "llmgateway.batch.documentId";
    /** How many times summarizing the document was attempted (an Integer). */
    public static final String ATTEMPTS = "llmgateway.batch.attempts";
    /** The file's key in the record of summarized files (a String). */
    public static final String FILE_KEY = "llmgateway.batch.fileKey";

    private BatchExchange() {
    }
}
