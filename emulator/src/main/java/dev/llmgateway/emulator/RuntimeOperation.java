package dev.llmgateway.emulator;

import java.util.Arrays;
import java.util.Optional;

/** The Bedrock Runtime operations, by the last segment of {@code POST /model/{modelId}/...}. */
enum RuntimeOperation {
    INVOKE_MODEL("invoke"),
    INVOKE_MODEL_WITH_RESPONSE_STREAM("invoke-with-response-stream"),
    CONVERSE("converse"),
    CONVERSE_STREAM("converse-stream"),
    COUNT_TOKENS("count-tokens");

    private final String pathSuffix;

    RuntimeOperation(String pathSuffix) {
        this.pathSuffix = pathSuffix;
    }

    static Optional<RuntimeOperation> fromPathSuffix(String suffix) {
        return Arrays.stream(values()).filter(op -> op.pathSuffix.equals(suffix)).findFirst();
    }
}
