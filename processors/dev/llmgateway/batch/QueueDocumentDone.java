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
        progress.done(QueueRequestReader.SOURCE, exchange.getProperty(BatchExchange.DOCUMENT_ID, String.class),
                exchange.getProperty(BatchExchange.SUMMARY, Summary.class),
                exchange.getProperty(BatchExchange.STARTED_NANOS, Long.class));
    }
}
