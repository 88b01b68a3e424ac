package dev.llmgateway.batch;

import dev.llmgateway.chat.ChatRequest;

/**
 * One upstream call of a batch summary.
 *
 * @param requestId the call's id (its call record carries it): the document's batch id and the call's number
 * @param team      the team the call is attributed to
 * @param feature   the feature the call is attributed to
 * @param chat      what to ask
 */
public record SummaryRequest(String requestId, String team, String feature, ChatRequest chat) {
}
