package dev.llmgateway.bedrock;

import dev.llmgateway.chat.GatewayException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Maps a failed Bedrock call to what the client is told: throttling is 429 with Retry-After, a request
 * Bedrock refused is 400, a timeout 504, and anything else the gateway could not get an answer through 502/503.
 */
public final class UpstreamErrors {

    static final String DEFAULT_RETRY_AFTER_SECONDS = "1";

    private UpstreamErrors() {
    }

    /** @return the client-facing error for an upstream failure, or null when the throwable is not one */
    public static GatewayException toGatewayException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                return fromService(aws);
            }
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.SocketTimeoutException) {
                return new GatewayException(504, "upstream_error", "upstream_timeout",
                        "The model did not answer in time; try again, or ask for fewer max_tokens.", Map.of(), failure);
            }
        }
        // only now: the SDK wraps a socket's read timeout in a client exception, and that is a timeout
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SdkClientException client) {
                return new GatewayException(502, "upstream_error", "upstream_unreachable",
                        "The gateway could not reach Bedrock: " + client.getMessage(), Map.of(), failure);
            }
        }
        return null;
    }

    private static GatewayException fromService(AwsServiceException e) {
        String errorCode = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String upstreamMessage = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        String detail = "Bedrock " + errorCode + ": " + upstreamMessage;
        return switch (e.statusCode()) {
            case 429 -> new GatewayException(429, "rate_limit_error", "upstream_throttled",
                    detail + " Retry after the time in Retry-After.", Map.of("Retry-After", retryAfter(e)), e);
            case 400 -> "ServiceQuotaExceededException".equals(errorCode)
                    ? new GatewayException(429, "rate_limit_error", "upstream_quota_exceeded", detail,
                            Map.of("Retry-After", retryAfter(e)), e)
                    : new GatewayException(400, "invalid_request_error", "upstream_validation", detail, Map.of(), e);
            case 408 -> new GatewayException(504, "upstream_error", "upstream_timeout", detail, Map.of(), e);
            case 503 -> new GatewayException(503, "upstream_error", "upstream_unavailable", detail,
                    Map.of("Retry-After", retryAfter(e)), e);
            default -> new GatewayException(502, "upstream_error", "upstream_error", detail, Map.of(), e);
        };
    }

    private static String retryAfter(AwsServiceException e) {
        return upstreamRetryAfter(e).orElse(DEFAULT_RETRY_AFTER_SECONDS);
    }

    /** @return the wait the upstream itself asked for in a Retry-After header, in milliseconds, or 0 */
    public static long retryHintMs(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException aws) {
                return upstreamRetryAfter(aws).map(seconds -> Long.parseLong(seconds) * 1000).orElse(0L);
            }
        }
        return 0;
    }

    private static Optional<String> upstreamRetryAfter(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").filter(v -> v.matches("\\d{1,5}"));
    }
}
