package dev.llmgateway.anthropic;

import dev.llmgateway.chat.GatewayException;
import java.util.Map;

/** The Anthropic API's error shape: {@code {"type": "error", "error": {"type", "message"}}}. */
public final class AnthropicErrors {

    private AnthropicErrors() {
    }

    public static Map<String, Object> body(GatewayException error) {
        return Map.of("type", "error", "error", Map.of("type", type(error.status()), "message", error.getMessage()));
    }

    private static String type(int status) {
        return switch (status) {
            case 400, 405 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503 -> "overloaded_error";
            default -> "api_error";
        };
    }
}
