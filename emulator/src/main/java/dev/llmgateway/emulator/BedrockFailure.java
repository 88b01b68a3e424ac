package dev.llmgateway.emulator;

/** A request the emulator answers with a Bedrock error instead of a model answer. */
final class BedrockFailure extends RuntimeException {
    private final BedrockError error;

    BedrockFailure(BedrockError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    static BedrockFailure validation(String message) {
        return new BedrockFailure(BedrockError.VALIDATION, message);
    }

    /** Bedrock's wording when a request member breaks a constraint of the service model, e.g. a pattern. */
    static BedrockFailure constraintViolated(String value, String memberPath, String constraint) {
        return validation("1 validation error detected: Value " + value + " at '" + memberPath + "' failed to satisfy constraint: "
                + constraint);
    }

    /** Bedrock's wording when a model body does not match the model's input schema. */
    static BedrockFailure malformedInput(String detail) {
        return validation("Malformed input request: " + detail + ", please reformat your input and try again.");
    }

    BedrockError error() {
        return error;
    }
}
