package dev.llmgateway.ledger;

import dev.llmgateway.record.CallRecord;
import dev.llmgateway.record.CallRecordListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cost ledger: one durable row per call, written off the request path. Records wait in a bounded queue for one
 * writer thread, which inserts them in batches (every {@code batchSize} records or {@code flushIntervalMs}). When
 * the queue is full a record goes straight to the disk spool; while the database cannot be written, batches go to
 * the spool and are replayed when it is back. {@link #close()} writes whatever is still queued.
 */
public final class CostLedger implements CallRecordListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CostLedger.class);
    /** How often the writer looks for more records once a batch has begun: a full batch waits at most this long. */
    private static final long COLLECT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Put in the queue by close() so the writer stops waiting for a batch to fill. */
    private static final LedgerEntry WAKE_UP = new LedgerEntry("wake-up", null);

    private final BlockingQueue<LedgerEntry> queue;
    private final LedgerSpool spool;
    private final LedgerWriter writer;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final Thread thread;
    /** Taken shared to enqueue, exclusively to close: nothing is enqueued once the writer may have finished. */
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private volatile boolean overflowing;

    private CostLedger(DataSource dataSource, LedgerSettings settings, Path spoolDirectory) {
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.spool = new LedgerSpool(spoolDirectory);
        this.batchSize = settings.batchSize();
        this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.flushIntervalMs());
        this.writer = new LedgerWriter(new LedgerTable(dataSource), spool, batchSize, settings.retryIntervalMs());
        this.thread = new Thread(this::run, "cost-ledger-writer");
        thread.setDaemon(true);
    }

    /** Starts the writer; records spooled by an earlier run are written once the database can be reached. */
    public static CostLedger start(DataSource dataSource, LedgerSettings settings, Path dataDir) {
        CostLedger ledger = new CostLedger(dataSource, settings, settings.spoolPath(dataDir));
        ledger.thread.start();
        return ledger;
    }

    @Override
    public void recorded(CallRecord record) {
        LedgerEntry entry = LedgerEntry.of(record);
        closing.readLock().lock();
        try {
            if (closed) {
                spoolDurably(entry);
            } else if (queue.offer(entry)) {
                if (overflowing) {
                    overflowing = false;
                    LOG.info("Cost ledger: the queue has room again.");
                }
            } else {
                if (!overflowing) {
                    overflowing = true;
                    LOG.warn("Cost ledger: the queue is full ({} records); records go to the spool in {} until the "
                            + "writer catches up.", queue.size(), spool.directory());
                }
                spoolNow(entry);
            }
        } finally {
            closing.readLock().unlock();
        }
    }

    private void run() {
        List<LedgerEntry> batch = new ArrayList<>(batchSize);
        while (true) {
            collect(batch);
            writer.write(batch);
            writer.sync();
            batch.clear();
            if (closed && queue.isEmpty()) {
                return;
            }
        }
    }

    /**
     * Fills the batch until it holds batchSize entries or the flush interval has passed (at once when closing). The
     * first record wakes this thread; the rest are gathered every 50 ms, so that on a busy gateway each call's
     * record does not wake it again (a wake-up costs both the call's thread and this one).
     */
    private void collect(List<LedgerEntry> batch) {
        long deadline = System.nanoTime() + flushIntervalNanos;
        while (true) {
            queue.drainTo(batch, batchSize - batch.size());
            long remaining = deadline - System.nanoTime();
            if (batch.size() >= batchSize || closed || remaining <= 0) {
                break;
            }
            if (!batch.isEmpty()) {
                LockSupport.parkNanos(Math.min(remaining, COLLECT_SLICE_NANOS));
                continue;
            }
            LedgerEntry first;
            try {
                first = queue.poll(remaining, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                break; // nothing interrupts this thread on purpose: close() wakes it with WAKE_UP
            }
            if (first == null) {
                break;
            }
            batch.add(first);
        }
        batch.removeIf(entry -> entry == WAKE_UP);
    }

    /** The caller's thread writes when the queue is full; the writer thread makes it durable at its next flush. */
    private void spoolNow(LedgerEntry entry) {
        try {
            spool.append(List.of(entry));
        } catch (IOException e) {
            LOG.error("Cost ledger: the record of request {} is lost: the queue is full and the spool in {} cannot be "
                    + "written ({}).", entry.record().requestId(), spool.directory(), e.toString());
        }
    }

    /** After close there is no writer thread: the record is appended and synced here. */
    private void spoolDurably(LedgerEntry entry) {
        try {
            spool.append(List.of(entry));
            spool.close();
        } catch (IOException e) {
            LOG.error("Cost ledger: the record of request {}, finished after shutdown, is lost: the spool in {} cannot "
                    + "be written ({}).", entry.record().requestId(), spool.directory(), e.toString());
        }
    }

    /** Writes every queued record (to the database, or to the spool) and stops the writer. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        queue.offer(WAKE_UP);
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Cost ledger: interrupted while writing the last records; those not written yet are lost.");
        }
        try {
            spool.close();
        } catch (IOException e) {
            LOG.error("Cost ledger: cannot close the spool in {}: {}", spool.directory(), e.toString());
        }
    }
}
