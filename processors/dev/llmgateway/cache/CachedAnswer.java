package dev.llmgateway.cache;

import dev.llmgateway.chat.Usage;

/**
 * An answer as the cache keeps it: what the upstream wrote (with PII placeholders where the team redacts them,
 * restored per request) and what producing it cost.
 *
 * @param text       the assistant's text
 * @param stopReason why the model stopped (end_turn, stop_sequence, max_tokens when truncated answers are cached)
 * @param usage      tokens the producing call read and wrote
 * @param modelId    the Bedrock model id or inference profile that wrote it
 */
public record CachedAnswer(String text, String stopReason, Usage usage, String modelId) {
}
