package dev.llmgateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.anthropic.AnthropicThinking;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ReasoningConfig;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.MediaBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reasoning in the chat completions API, the way OpenAI-compatible clients of Claude read it (LiteLLM, DeepSeek):
 * {@code reasoning_effort} becomes a thinking budget; the answer's reasoning is {@code reasoning_content} (its text)
 * and {@code thinking_blocks} (each block with its signature), which an agent loop sends back on the assistant
 * message so the model gets its reasoning back unchanged.
 */
public final class OpenAiReasoning {

    /** Thinking budgets by effort, as LiteLLM maps them for Claude; minimal is Claude's smallest budget. */
    static final Map<String, Integer> BUDGETS = Map.of("minimal", 1024, "low", 1024, "medium", 2048, "high", 4096);

    private OpenAiReasoning() {
    }

    /**
     * @param maxTokens the request's output limit, or null for the model's: the budget is lowered below it
     * @return the reasoning asked for, or null for none
     */
    static ReasoningConfig config(JsonNode body, Integer maxTokens) {
        String effort = JsonFields.optionalString(body, "reasoning_effort");
        if (effort == null || "none".equals(effort)) {
            return null;
        }
        Integer budget = BUDGETS.get(effort);
        if (budget == null) {
            throw GatewayException.invalidRequest("invalid_value", "reasoning_effort '"
                    + (effort.length() > 20 ? effort.substring(0, 20) + "..." : effort)
                    + "' is not one of none, minimal, low, medium, high.");
        }
        ReasoningConfig reasoning = new ReasoningConfig(budget);
        return maxTokens == null ? reasoning : reasoning.within(maxTokens);
    }

    /** @return the reasoning blocks an assistant message sends back in {@code thinking_blocks}, exactly as sent */
    static List<ContentBlock> read(JsonNode message, String at, ChatRole role) {
        JsonNode array = JsonFields.optionalArray(message, "thinking_blocks");
        if (array == null) {
            return List.of();
        }
        if (role != ChatRole.ASSISTANT) {
            throw GatewayException.invalidRequest("invalid_value", at + ".thinking_blocks: only assistant messages "
                    + "carry the model's reasoning.");
        }
        List<ContentBlock> blocks = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String blockAt = at + ".thinking_blocks[" + i + "]";
            JsonNode block = JsonFields.requiredObject(array.get(i), blockAt);
            OpenAiChatFields.THINKING_BLOCK.check(block, blockAt + ".");
            String type = JsonFields.requiredString(block, "type", blockAt);
            if ("thinking".equals(type)) {
                blocks.add(new ContentBlock.Reasoning(JsonFields.requiredString(block, "thinking", blockAt),
                        JsonFields.requiredString(block, "signature", blockAt)));
            } else if ("redacted_thinking".equals(type)) {
                blocks.add(new ContentBlock.RedactedReasoning(MediaBlocks.decode(
                        JsonFields.requiredString(block, "data", blockAt), blockAt + ".data", Integer.MAX_VALUE,
                        "a redacted_thinking block")));
            } else {
                throw GatewayException.invalidRequest("invalid_value", blockAt + ".type must be thinking or "
                        + "redacted_thinking.");
            }
        }
        return blocks;
    }

    /**
     * @return the reasoning blocks as {@code thinking_blocks}, with their signatures, to be sent back as they are:
     *         Anthropic's blocks, as LiteLLM carries them
     */
    public static List<Map<String, Object>> thinkingBlocks(List<ContentBlock> reasoning) {
        return reasoning.stream().map(AnthropicThinking::wire).toList();
    }

    /** @return the reasoning's text, one block per line, as {@code reasoning_content} */
    static String reasoningContent(List<ContentBlock> reasoning) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : reasoning) {
            if (block instanceof ContentBlock.Reasoning thought) {
                text.append(text.isEmpty() ? "" : "\n").append(thought.text());
            }
        }
        return text.toString();
    }
}
