package dev.llmgateway.bedrock;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.ReasoningConfig;
import dev.llmgateway.chat.ToolChoice;
import dev.llmgateway.structured.StructuredAnswers;

/**
 * What Claude refuses together with extended thinking, refused (400) before the call, naming the field: a reasoning
 * budget at or above the output limit, a temperature other than 1, top_k, a top_p below 0.95, and a forced tool call
 * (a tool choice of any or a named tool, or structured output served as a forced tool).
 */
final class ReasoningRules {

    private static final double MIN_TOP_P = 0.95;

    private ReasoningRules() {
    }

    static void check(ChatRequest request, ModelSpec model) {
        ReasoningConfig reasoning = request.reasoning();
        if (reasoning == null) {
            return;
        }
        if (reasoning.budgetTokens() < ReasoningConfig.MIN_BUDGET_TOKENS) {
            throw refused("a reasoning budget of " + reasoning.budgetTokens() + " tokens is below the smallest, "
                    + ReasoningConfig.MIN_BUDGET_TOKENS);
        }
        if (request.maxTokens() != null && reasoning.budgetTokens() >= request.maxTokens()) {
            throw refused("the reasoning budget (" + reasoning.budgetTokens() + " tokens) must be below the output "
                    + "limit (" + request.maxTokens() + "), which it is part of; raise max_tokens or lower the budget");
        }
        if (request.temperature() != null && request.temperature() != 1.0) {
            throw refused("Claude takes no temperature other than 1 while it reasons; leave temperature out");
        }
        if (request.topK() != null) {
            throw refused("Claude takes no top_k while it reasons; leave top_k out");
        }
        if (request.topP() != null && request.topP() < MIN_TOP_P) {
            throw refused("Claude takes a top_p of " + MIN_TOP_P + " to 1 only while it reasons");
        }
        ToolChoice choice = request.toolChoice();
        if (choice != null && (choice.kind() == ToolChoice.Kind.ANY || choice.kind() == ToolChoice.Kind.TOOL)) {
            throw refused("Claude cannot be made to call a tool while it reasons; send a tool choice of auto or "
                    + "none");
        }
        if (request.responseFormat() != null && !StructuredAnswers.bedrockNative(model, request.responseFormat())) {
            throw refused("structured output is a forced tool call for model '" + model.alias() + "', which Claude "
                    + "cannot be made to do while it reasons; choose a model with structuredOutput");
        }
    }

    private static GatewayException refused(String why) {
        return GatewayException.invalidRequest("unsupported_parameter", "Reasoning (thinking / reasoning_effort) "
                + "cannot be served with this request: " + why + ".");
    }
}
