package dev.llmgateway.batch;

import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.config.ModelCatalogs;
import dev.llmgateway.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.main.Main;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Batch summarization's share of the running gateway: the properties its routes read (routes/batch-files.yaml and
 * routes/batch-queue.yaml load only when their trigger is enabled), its beans, the executor bounding upstream calls,
 * and the progress counters. Closed after Camel has stopped.
 */
public final class BatchRuntime implements AutoCloseable {

    private static final String SUMMARIZED_FILES = "batch/summarized-files.txt";

    private final BatchProgress progress = new BatchProgress();
    private final ExecutorService calls;
    private IdempotentRepository summarizedFiles;
    private BatchAmqp amqp;

    private BatchRuntime(int concurrency) {
        calls = Executors.newFixedThreadPool(concurrency, daemonThreads("batch-call-"));
    }

    public static BatchRuntime install(Main main, GatewaySettings settings) throws IOException {
        BatchSettings batch = settings.batch();
        BatchRuntime runtime = new BatchRuntime(batch.concurrency());
        try {
            runtime.bind(main, settings);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private void bind(Main main, GatewaySettings settings) throws IOException {
        BatchSettings batch = settings.batch();
        main.addInitialProperty("llmgateway.batch.files.enabled", Boolean.toString(batch.files().enabled()));
        main.addInitialProperty("llmgateway.batch.queue.enabled", Boolean.toString(batch.queue().enabled()));
        // Documents waiting for their calls hold only a thread; with twice as many documents as call slots in
        // flight, a call slot never waits while a document is read or its summary written.
        main.addInitialProperty("llmgateway.batch.documentsInFlight", Integer.toString(2 * batch.concurrency()));
        main.bind("batchProgress", progress);
        DocumentSummarizer summarizer = new DocumentSummarizer(batch, ModelCatalogs.from(settings),
                settings.guards().tokens(), new PipelineSummaryCall(main::getCamelContext), calls);
        main.bind("documentSummarizer", new DocumentSummaryStep(summarizer));
        if (batch.files().enabled()) {
            bindFiles(main, batch, settings.storage().dataPath().resolve(SUMMARIZED_FILES));
        }
        if (batch.queue().enabled()) {
            bindQueue(main, batch);
        }
    }

    private void bindFiles(Main main, BatchSettings batch, Path summarizedFilesStore) throws IOException {
        BatchSettings.Files files = batch.files();
        BatchFolders folders = BatchFolders.of(files).create();
        long checkInterval = Math.max(10, Math.min(1000, files.stableMs() / 2));
        main.addInitialProperty("llmgateway.batch.files.inbox", folders.inbox().toString());
        main.addInitialProperty("llmgateway.batch.files.error", folders.error().toString());
        main.addInitialProperty("llmgateway.batch.files.pollMs", Long.toString(files.pollMs()));
        main.addInitialProperty("llmgateway.batch.files.stableMs", Long.toString(files.stableMs()));
        main.addInitialProperty("llmgateway.batch.files.readLockCheckInterval", Long.toString(checkInterval));
        // A file that keeps changing is given up for this poll and tried again at the next.
        main.addInitialProperty("llmgateway.batch.files.readLockTimeout",
                Long.toString(files.stableMs() + 10 * checkInterval));
        summarizedFiles = new SummarizedFilesStore(PrivateFiles.createFile(summarizedFilesStore).toFile());
        ServiceHelper.startService(summarizedFiles);
        SummarizedFiles summarized = new SummarizedFiles(summarizedFiles);
        main.bind("documentFileQueued", new DocumentFileQueued(progress));
        main.bind("documentFileReader", new DocumentFileReader(batch, summarized));
        main.bind("alreadySummarizedFile", new AlreadySummarizedFile(folders, progress));
        main.bind("summaryFileWriter", new SummaryFileWriter(folders, summarized, progress));
        main.bind("failedFileRecorder", new FailedFileRecorder(folders, progress));
    }

    private void bindQueue(Main main, BatchSettings batch) {
        BatchSettings.Queue queue = batch.queue();
        main.addInitialProperty("llmgateway.batch.queue.maximumRedeliveries", Integer.toString(queue.maximumRedeliveries()));
        main.addInitialProperty("llmgateway.batch.queue.redeliveryDelayMs", Long.toString(queue.redeliveryDelayMs()));
        amqp = new BatchAmqp(queue);
        main.bind(BatchAmqp.COMPONENT, amqp.component());
        main.bind("queueRequestReader", new QueueRequestReader(batch, progress));
        main.bind("queueReplyWriter", new QueueReplyWriter());
        main.bind("queueDocumentDone", new QueueDocumentDone(progress));
        main.bind("deadLetterNotes", new DeadLetterNotes(progress));
    }

    public BatchProgress progress() {
        return progress;
    }

    @Override
    public void close() {
        calls.shutdownNow();
        if (amqp != null) {
            amqp.close();
        }
        if (summarizedFiles != null) {
            ServiceHelper.stopService(summarizedFiles);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
