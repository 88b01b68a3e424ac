package dev.llmgateway.batch;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Summarizes the exchange's {@link Document}, whichever trigger brought it, into its {@link Summary}, counting the
 * attempts (a queue retries this step).
 */
public class DocumentSummaryStep implements Processor {

    private final DocumentSummarizer summarizer;

    public DocumentSummaryStep(DocumentSummarizer summarizer) {
        this.summarizer = summarizer;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        Document document = exchange.getProperty(BatchExchange.DOCUMENT, Document.class);
        exchange.setProperty(BatchExchange.ATTEMPTS, exchange.getProperty(BatchExchange.ATTEMPTS, 0, Integer.class) + 1);
        exchange.setProperty(BatchExchange.SUMMARY, summarizer.summarize(document));
    }
}
