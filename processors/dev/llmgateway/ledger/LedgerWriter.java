package dev.llmgateway.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts batches of entries where they are durable: the ledger table, or, while the database cannot be reached, the
 * spool; and replays the spool into the table once the database answers again. A failed insert marks the database
 * unreachable; it is tried again after the retry interval. Used by one thread at a time.
 */
final class LedgerWriter {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);

    private final LedgerTable table;
    private final LedgerSpool spool;
    private final int batchSize;
    private final long retryIntervalNanos;
    private boolean databaseDown;
    private long nextAttemptNanos;

    LedgerWriter(LedgerTable table, LedgerSpool spool, int batchSize, long retryIntervalMs) {
        this.table = table;
        this.spool = spool;
        this.batchSize = batchSize;
        this.retryIntervalNanos = TimeUnit.MILLISECONDS.toNanos(retryIntervalMs);
    }

    /**
     * Writes the batch (which may be empty): while the database is unreachable and not due for another try, to the
     * spool; else the spool is replayed first, then the batch goes to the table, or to the spool if that fails.
     */
    void write(List<LedgerEntry> batch) {
        if (databaseDown && System.nanoTime() - nextAttemptNanos < 0) {
            spool(batch);
            return;
        }
        if (spoolHasEntries()) {
            replaySpool();
        }
        if (!batch.isEmpty() && (databaseDown || !inserted(batch))) {
            spool(batch);
        }
    }

    /** Makes everything spooled so far durable on disk. */
    void sync() {
        try {
            spool.sync();
        } catch (IOException e) {
            LOG.error("Cost ledger: cannot sync the spool in {}: {}", spool.directory(), e.toString());
        }
    }

    private void replaySpool() {
        long replayed = 0;
        try {
            for (Path file : spool.seal()) {
                List<LedgerEntry> entries = spool.read(file);
                for (int from = 0; from < entries.size(); from += batchSize) {
                    if (!inserted(entries.subList(from, Math.min(entries.size(), from + batchSize)))) {
                        return;
                    }
                }
                spool.delete(file);
                replayed += entries.size();
            }
        } catch (IOException e) {
            LOG.error("Cost ledger: cannot read the spool in {} (it is kept for the next try): {}",
                    spool.directory(), e.toString());
        } finally {
            if (replayed > 0) {
                LOG.info("Cost ledger: {} spooled records written to the database.", replayed);
            }
        }
    }

    private boolean inserted(List<LedgerEntry> entries) {
        try {
            table.insert(entries);
        } catch (SQLException | RuntimeException | AssertionError e) {
            // AssertionError: with assertions on (-ea), pgjdbc asserts when its connection is closed under a batch;
            // the batch was not written, and letting it end this thread would stop the ledger for good
            if (!databaseDown) {
                LOG.warn("Cost ledger: the database cannot be written ({}); records go to the spool in {} and are "
                        + "written once it is back.", e.toString(), spool.directory());
            }
            databaseDown = true;
            nextAttemptNanos = System.nanoTime() + retryIntervalNanos;
            return false;
        }
        if (databaseDown) {
            LOG.info("Cost ledger: the database can be written again.");
        }
        databaseDown = false;
        return true;
    }

    private void spool(List<LedgerEntry> batch) {
        try {
            spool.append(batch);
        } catch (IOException e) {
            LOG.error("Cost ledger: {} records are lost: neither the database nor the spool in {} can be written "
                    + "({}); request ids {}", batch.size(), spool.directory(), e.toString(),
                    batch.stream().map(entry -> entry.record().requestId()).toList());
        }
    }

    private boolean spoolHasEntries() {
        try {
            return spool.hasEntries();
        } catch (IOException e) {
            LOG.error("Cost ledger: cannot list the spool in {}: {}", spool.directory(), e.toString());
            return false;
        }
    }
}
