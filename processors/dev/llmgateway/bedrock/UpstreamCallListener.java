package dev.llmgateway.bedrock;

import dev.llmgateway.chat.GatewayException;

/**
 * Told how each call to a Bedrock region ended, and when a request moved on to a fallback model (metrics). Called on
 * the request's path: be quick, never throw.
 */
@FunctionalInterface
public interface UpstreamCallListener {

    UpstreamCallListener NONE = (region, modelId, status, outcome) -> {
    };

    /**
     * @param region  the region called
     * @param modelId the model id or inference profile called there
     * @param status  200 when the region answered, else the status its failure maps to (429 throttled, 5xx failed)
     * @param outcome ok, or the failure's error code (upstream_throttled, upstream_timeout, ...)
     */
    void called(String region, String modelId, int status, String outcome);

    /** Reports a call that answered. */
    default void answered(String region, String modelId) {
        called(region, modelId, 200, "ok");
    }

    /** Reports a failed call; a failure that is not a known upstream error counts as 500 internal_error. */
    default void failed(String region, String modelId, Throwable failure) {
        GatewayException mapped = failure instanceof GatewayException gateway ? gateway
                : UpstreamErrors.toGatewayException(failure);
        if (mapped == null) {
            called(region, modelId, 500, "internal_error");
        } else {
            called(region, modelId, mapped.status(), mapped.code());
        }
    }

    /** Every region of model {@code from} failed or throttled: the request now tries its fallback {@code to}. */
    default void fellBack(String from, String to) {
    }

    /**
     * The request came to fallback {@code to} of model {@code from}, which cannot take it.
     *
     * @param reason unsupported_capability, context_window or max_output
     */
    default void fallbackSkipped(String from, String to, String reason) {
    }
}
