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
        Document document = BatchJob.of(exchange).document();
        BatchJob.of(exchange).countAttempt();
        BatchJob.of(exchange).setSummary(summarizer.summarize(document));
    }
}
