package dev.llmgateway.batch;

import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A file summarized before (same name and content) is not summarized again: it moves to done/ as it is. */
public class AlreadySummarizedFile implements Processor {

    private final BatchFolders folders;
    private final BatchProgress progress;

    public AlreadySummarizedFile(BatchFolders folders, BatchProgress progress) {
        this.folders = folders;
        this.progress = progress;
    }

    @Override
    public void process(Exchange exchange) {
        Document document = BatchJob.of(exchange).document();
        Path summary = folders.outbox().resolve(SummaryFileWriter.summaryName(document.id()));
        progress.skipped(DocumentFileQueued.SOURCE, document.id(), "the same file was summarized before (" + summary + ")");
        BatchJob.of(exchange).setMoveTo(folders.done().resolve(document.id()).toString());
    }
}
