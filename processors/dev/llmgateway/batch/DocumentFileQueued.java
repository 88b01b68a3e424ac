package dev.llmgateway.batch;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** First step of the file trigger, before the document waits for a worker: counts it as queued. */
public class DocumentFileQueued implements Processor {

    static final String SOURCE = "file";

    private final BatchProgress progress;

    public DocumentFileQueued(BatchProgress progress) {
        this.progress = progress;
    }

    @Override
    public void process(Exchange exchange) {
        BatchJob.start(exchange);
        progress.queued(SOURCE, exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class));
    }
}
