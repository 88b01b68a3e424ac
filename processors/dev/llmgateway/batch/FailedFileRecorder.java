package dev.llmgateway.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a file cannot be summarized: writes the reason next to where the original goes (error/NAME.error.txt) and has
 * the original moved to error/.
 */
public class FailedFileRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(FailedFileRecorder.class);

    private final BatchFolders folders;
    private final BatchProgress progress;

    public FailedFileRecorder(BatchFolders folders, BatchProgress progress) {
        this.folders = folders;
        this.progress = progress;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        BatchJob job = BatchJob.find(exchange);
        if (job == null) {
            job = BatchJob.start(exchange);
        }
        job.setMoveTo(folders.error().resolve(name).toString());
        DocumentFailure failure = DocumentFailure.of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class), name);
        progress.failed(DocumentFileQueued.SOURCE, name, failure.code(), failure.reason());
        try {
            Files.writeString(folders.error().resolve(name + ".error.txt"), name + " could not be summarized.\n"
                    + "Reason: " + failure.code() + "\n" + failure.reason() + "\n" + "When: " + Instant.now() + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("Batch file {}: cannot write its error report to {}: {}", name, folders.error(), e.toString());
        }
    }
}
