package dev.llmgateway.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Writes the summary to the outbox as NAME.summary.md (NAME without its extension), whole or not at all, then
 * remembers the file as summarized and has the original moved to done/.
 */
public class SummaryFileWriter implements Processor {

    private final BatchFolders folders;
    private final SummarizedFiles summarized;
    private final BatchProgress progress;

    public SummaryFileWriter(BatchFolders folders, SummarizedFiles summarized, BatchProgress progress) {
        this.folders = folders;
        this.summarized = summarized;
        this.progress = progress;
    }

    /** @return the outbox name of a document's summary: its name without the extension, then .summary.md */
    public static String summaryName(String documentName) {
        int dot = documentName.lastIndexOf('.');
        return (dot > 0 ? documentName.substring(0, dot) : documentName) + ".summary.md";
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Document document = BatchJob.of(exchange).document();
        Summary summary = BatchJob.of(exchange).summary();
        String name = summaryName(document.id());
        // Written under a hidden name first, so nobody reading the outbox sees half a summary.
        Path partial = folders.outbox().resolve("." + name + ".partial");
        Files.writeString(partial, "# Summary of " + document.id() + "\n\n" + summary.text() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, folders.outbox().resolve(name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        summarized.remember(BatchJob.of(exchange).fileKey());
        BatchJob.of(exchange).setMoveTo(folders.done().resolve(document.id()).toString());
        progress.done(DocumentFileQueued.SOURCE, document.id(), summary,
                BatchJob.of(exchange).startedNanos());
    }
}
