package dev.llmgateway.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Bedrock Runtime error types, with the HTTP status each one travels with outside a stream. */
public enum BedrockError {
    VALIDATION("ValidationException", 400),
    SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 400),
    ACCESS_DENIED("AccessDeniedException", 403),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    MODEL_TIMEOUT("ModelTimeoutException", 408),
    MODEL_ERROR("ModelErrorException", 424),
    THROTTLING("ThrottlingException", 429),
    MODEL_NOT_READY("ModelNotReadyException", 429),
    INTERNAL_SERVER("InternalServerException", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503),
    /** Only ever sent inside an event stream. */
    MODEL_STREAM_ERROR("ModelStreamErrorException", 424);

    private static final String ERROR_TYPE_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.bedrock/";

    private final String typeName;
    private final int status;

    BedrockError(String typeName, int status) {
        this.typeName = typeName;
        this.status = status;
    }

    /** The name as it appears in {@code x-amzn-ErrorType}, e.g. {@code ThrottlingException}. */
    public String typeName() {
        return typeName;
    }

    public int status() {
        return status;
    }

    /** The value of the {@code x-amzn-ErrorType} response header. */
    public String errorTypeHeader() {
        return typeName + ":" + ERROR_TYPE_NAMESPACE;
    }

    /** The name used in an event stream's {@code :exception-type} header, e.g. {@code throttlingException}. */
    public String streamExceptionType() {
        return Character.toLowerCase(typeName.charAt(0)) + typeName.substring(1);
    }

    /** Accepts either spelling ({@code ThrottlingException} or {@code throttlingException}). */
    public static Optional<BedrockError> fromName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.typeName.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
