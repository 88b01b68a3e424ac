package dev.llmgateway.batch;

/**
 * The summary of one document and what it took.
 *
 * @param text         the summary
 * @param model        the model alias that wrote it
 * @param parts        parts the document was cut into (1 when it fit in one call)
 * @param rounds       rounds of summarizing: 1 for one call, 2 for parts then their combination, more when the
 *                     combined part summaries had to be summarized again
 * @param calls        upstream calls made
 * @param inputTokens  prompt tokens billed over all calls
 * @param outputTokens answer tokens billed over all calls
 */
public record Summary(String text, String model, int parts, int rounds, int calls, long inputTokens,
                     long outputTokens) {
}
