package dev.llmgateway.batch;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where batch summarization stands: documents queued (taken from the inbox or the queue), done, failed, and skipped
 * (already summarized before). Each change is logged with the document it concerns. Thread-safe; the metrics
 * export reads {@link #snapshot()}.
 */
public class BatchProgress {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProgress.class);

    /** Counts at one moment; in progress is queued less done, failed and skipped. */
    public record Snapshot(long queued, long done, long failed, long skipped) {

        public long inProgress() {
            return queued - done - failed - skipped;
        }
    }

    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /** @param source where the document came from: file or queue */
    public void queued(String source, String documentId) {
        queued.incrementAndGet();
        LOG.info("Batch {} {}: queued", source, documentId);
    }

    public void done(String source, String documentId, Summary summary, long startedNanos) {
        done.incrementAndGet();
        LOG.info("Batch {} {}: summarized in {} ms ({} parts, {} rounds, {} calls, {} tokens in, {} out)", source,
                documentId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), summary.parts(),
                summary.rounds(), summary.calls(), summary.inputTokens(), summary.outputTokens());
    }

    public void failed(String source, String documentId, String code, String reason) {
        failed.incrementAndGet();
        LOG.warn("Batch {} {}: failed ({}): {}", source, documentId, code, reason);
    }

    public void skipped(String source, String documentId, String why) {
        skipped.incrementAndGet();
        LOG.info("Batch {} {}: skipped, {}", source, documentId, why);
    }

    public Snapshot snapshot() {
        return new Snapshot(queued.get(), done.get(), failed.get(), skipped.get());
    }
}
