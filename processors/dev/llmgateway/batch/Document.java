package dev.llmgateway.batch;

/**
 * A document to summarize, whichever trigger it came from.
 *
 * @param id           how logs, replies and error reports name it: the file name, or the queue message's id
 * @param text         its text
 * @param model        the model alias to summarize with
 * @param team         the team its calls are attributed to
 * @param feature      the feature its calls are attributed to
 * @param instructions what the summary should be (the system prompt of every call)
 */
public record Document(String id, String text, String model, String team, String feature, String instructions) {
}
