package dev.llmgateway.chat;

import java.util.Map;

/**
 * A failure the client must be told about: an HTTP status, an error type and code in the
 * OpenAI error shape, a message that says what was wrong and what to do, and extra headers
 * (Retry-After, for example).
 */
public class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final Map<String, String> headers;

    public GatewayException(int status, String type, String code, String message) {
        this(status, type, code, message, Map.of(), null);
    }

    public GatewayException(int status, String type, String code, String message, Map<String, String> headers,
                            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static GatewayException invalidRequest(String code, String message) {
        return new GatewayException(400, "invalid_request_error", code, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
