package dev.llmgateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ReasoningConfig;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.MediaBlocks;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Claude's extended thinking in the Messages API: the request's {@code thinking}, and the thinking and
 * redacted_thinking blocks of answers and of the assistant turns sent back.
 */
public final class AnthropicThinking {

    private AnthropicThinking() {
    }

    /**
     * @param maxTokens the request's max_tokens, which the budget must stay below; null for count_tokens
     * @return the reasoning asked for, or null for none
     */
    static ReasoningConfig config(JsonNode body, Integer maxTokens) {
        JsonNode thinking = body.get("thinking");
        if (thinking == null || thinking.isNull()) {
            return null;
        }
        AnthropicMessagesFields.THINKING.check(JsonFields.requiredObject(thinking, "thinking"), "thinking.");
        String type = JsonFields.requiredString(thinking, "type", "thinking");
        switch (type) {
            case "disabled" -> {
                return null;
            }
            case "enabled" -> {
            }
            case "adaptive", "between_tools" -> throw GatewayException.invalidRequest("unsupported_parameter",
                    "thinking.type '" + type + "' is not served: the gateway serves thinking with a budget it can "
                            + "reserve and bound; send type enabled with a budget_tokens.");
            default -> throw GatewayException.invalidRequest("invalid_value", "thinking.type '" + type
                    + "' is not one of enabled, disabled.");
        }
        Integer budget = JsonFields.optionalPositiveInt(thinking, "budget_tokens");
        if (budget == null) {
            throw JsonFields.missing("thinking.budget_tokens");
        }
        if (budget < ReasoningConfig.MIN_BUDGET_TOKENS) {
            throw GatewayException.invalidRequest("invalid_value", "thinking.budget_tokens is " + budget
                    + "; it must be at least " + ReasoningConfig.MIN_BUDGET_TOKENS + ".");
        }
        if (maxTokens != null && budget >= maxTokens) {
            throw GatewayException.invalidRequest("invalid_value", "thinking.budget_tokens (" + budget
                    + ") must be less than max_tokens (" + maxTokens + "), which it is part of.");
        }
        return new ReasoningConfig(budget);
    }

    /** @return a thinking block of an assistant turn, exactly as sent */
    static ContentBlock thinking(JsonNode block, String at, ChatRole role) {
        assistantTurnOnly(role, at, "thinking");
        AnthropicMessagesFields.THINKING_BLOCK.check(block, at + ".");
        return new ContentBlock.Reasoning(JsonFields.requiredString(block, "thinking", at),
                JsonFields.requiredString(block, "signature", at));
    }

    /** @return a redacted_thinking block of an assistant turn, its data decoded */
    static ContentBlock redacted(JsonNode block, String at, ChatRole role) {
        assistantTurnOnly(role, at, "redacted_thinking");
        AnthropicMessagesFields.REDACTED_THINKING_BLOCK.check(block, at + ".");
        return new ContentBlock.RedactedReasoning(MediaBlocks.decode(JsonFields.requiredString(block, "data", at),
                at + ".data", Integer.MAX_VALUE, "a redacted_thinking block"));
    }

    /** @return a reasoning block of an answer, as the Messages API writes it */
    public static Map<String, Object> wire(ContentBlock block) {
        Map<String, Object> wire = new LinkedHashMap<>();
        if (block instanceof ContentBlock.RedactedReasoning redacted) {
            wire.put("type", "redacted_thinking");
            wire.put("data", Base64.getEncoder().encodeToString(redacted.data()));
        } else {
            ContentBlock.Reasoning reasoning = (ContentBlock.Reasoning) block;
            wire.put("type", "thinking");
            wire.put("thinking", reasoning.text());
            wire.put("signature", reasoning.signature() == null ? "" : reasoning.signature());
        }
        return wire;
    }

    private static void assistantTurnOnly(ChatRole role, String at, String what) {
        if (role != ChatRole.ASSISTANT) {
            throw GatewayException.invalidRequest("invalid_value", at + ": " + what
                    + " blocks belong to assistant turns.");
        }
    }
}
