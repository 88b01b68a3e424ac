package dev.llmgateway.chat;

/**
 * What the upstream model answered, in the gateway's own terms.
 *
 * @param text         the assistant's text
 * @param finishReason OpenAI's finish reason: stop, length or content_filter
 * @param usage        tokens read and written
 * @param region       the region that answered
 * @param modelId      the Bedrock model id or inference profile that answered
 */
public record ChatResponse(String text, String finishReason, Usage usage, String region, String modelId) {
}
