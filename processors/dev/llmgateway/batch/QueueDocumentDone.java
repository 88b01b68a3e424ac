package dev.llmgateway.batch;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Last step of the queue trigger, once the reply is sent: counts the document as done. */
public class QueueDocumentDone implements Processor {

    private final BatchProgress progress;

    public QueueDocumentDone(BatchProgress progress) {
        this.progress = progress;
    }

    @Override
    public void process(Exchange exchange) {
        progress.done(QueueRequestReader.SOURCE, BatchJob.of(exchange).documentId(),
                BatchJob.of(exchange).summary(),
                BatchJob.of(exchange).startedNanos());
    }
}
