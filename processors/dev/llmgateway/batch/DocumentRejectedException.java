package dev.llmgateway.batch;

import dev.llmgateway.chat.GatewayException;

/** A document or request that cannot be summarized however often it is tried: it goes to error/ or the dead letters at once. */
public class DocumentRejectedException extends RuntimeException {

    private final String code;

    public DocumentRejectedException(String code, String message) {
        this(code, message, null);
    }

    public DocumentRejectedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** @return whether the gateway refused the call for something in the request itself (a 4xx other than 429) */
    public static boolean isRequestFault(GatewayException e) {
        return e.status() >= 400 && e.status() < 500 && e.status() != 429;
    }

    public static DocumentRejectedException of(GatewayException e) {
        return new DocumentRejectedException(e.code(), e.getMessage(), e);
    }

    public String code() {
        return code;
    }
}
