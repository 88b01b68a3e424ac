package dev.llmgateway.emulator;

/** Messages like the ones Bedrock sends with each error, for injected faults. */
final class InjectedFaultMessages {

    private InjectedFaultMessages() {
    }

    static String of(BedrockError error) {
        return switch (error) {
            case THROTTLING -> SlidingWindowQuota.TOO_MANY_REQUESTS;
            case VALIDATION -> "Malformed input request, please reformat your input and try again.";
            case SERVICE_QUOTA_EXCEEDED ->
                    "Your request exceeds the service quota for your account. You can view your quotas at the Service Quotas console.";
            case ACCESS_DENIED -> "You don't have access to the model with the specified model ID.";
            case RESOURCE_NOT_FOUND -> "Could not resolve the foundation model from the provided model identifier.";
            case MODEL_TIMEOUT -> "Model has timed out in processing the request. Try your request again.";
            case MODEL_ERROR -> "The model returned an error. Try your request again.";
            case MODEL_NOT_READY -> "Model is not ready to serve inference requests. The model is being loaded; try again later.";
            case INTERNAL_SERVER -> "The system encountered an unexpected error during processing. Try your request again.";
            case SERVICE_UNAVAILABLE -> "Bedrock is unable to process your request.";
            case MODEL_STREAM_ERROR -> "The model stream was interrupted.";
        };
    }
}
