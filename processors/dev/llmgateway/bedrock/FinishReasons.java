package dev.llmgateway.bedrock;

/** Maps Bedrock's stop reasons to OpenAI's finish reasons. */
public final class FinishReasons {

    private FinishReasons() {
    }

    public static String fromBedrock(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "content_filtered", "guardrail_intervened" -> "content_filter";
            case "tool_use" -> "tool_calls";
            default -> "stop";
        };
    }
}
