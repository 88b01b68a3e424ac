package dev.llmgateway.batch;

/**
 * Batch summarization: where documents come from, how they are cut into parts and how many upstream calls run at
 * once. Bound from {@code batch:} in application.yaml; the settings validator names any bad value by its path.
 *
 * @param model            model alias used when a request names none (files always use it)
 * @param team             team batch calls are attributed to, unless a queue message names its own
 * @param feature          feature batch calls are attributed to, unless a queue message names its own
 * @param instructions     what each summary should be (the system prompt), unless a queue message gives its own
 * @param concurrency      upstream calls in flight at once, across all documents and their parts
 * @param summaryMaxTokens the longest summary one call may write (capped at the model's maximum output)
 * @param maxDocumentBytes the largest document accepted
 * @param chunking         how long documents are cut into parts
 * @param files            the folder trigger
 * @param queue            the AMQP 1.0 queue trigger
 */
public record BatchSettings(String model, String team, String feature, String instructions, int concurrency,
                            int summaryMaxTokens, long maxDocumentBytes, Chunking chunking, Files files, Queue queue) {

    /**
     * @param maxPartTokens most prompt tokens per part; null derives it from the model's context window
     * @param overlapTokens tokens each part repeats from the end of the part before it
     * @param safetyMargin  fraction of the context window kept free on top of the token estimate's own margin
     */
    public record Chunking(Integer maxPartTokens, int overlapTokens, double safetyMargin) {
    }

    /**
     * @param enabled whether the inbox is watched
     * @param inbox   folder documents are dropped into
     * @param outbox  folder summaries are written to, as NAME.summary.md
     * @param done    folder originals move to once summarized
     * @param error   folder originals move to when they cannot be summarized, with NAME.error.txt giving the reason
     * @param pollMs  how often the inbox is scanned
     * @param stableMs how long a file must stay unchanged before it is read (files still being written are left alone)
     */
    public record Files(boolean enabled, String inbox, String outbox, String done, String error, long pollMs,
                        long stableMs) {
    }

    /**
     * @param enabled             whether the request queue is consumed
     * @param url                 AMQP 1.0 broker URL (Qpid JMS syntax), e.g. amqp://127.0.0.1:5672
     * @param username            broker user
     * @param password            its password
     * @param requests            address of the queue requests arrive on
     * @param replies             address summaries go to when a request has no JMSReplyTo
     * @param deadLetters         address failed and invalid requests go to
     * @param maximumRedeliveries attempts after the first before a failing request goes to the dead letters
     * @param redeliveryDelayMs   wait between those attempts
     */
    public record Queue(boolean enabled, String url, String username, String password, String requests,
                        String replies, String deadLetters, int maximumRedeliveries, long redeliveryDelayMs) {

        /** Leaves the password out, so the settings can be logged. */
        @Override
        public String toString() {
            return "Queue[enabled=" + enabled + ", url=" + url + ", username=" + username + ", requests=" + requests
                    + ", replies=" + replies + ", deadLetters=" + deadLetters + "]";
        }
    }
}
