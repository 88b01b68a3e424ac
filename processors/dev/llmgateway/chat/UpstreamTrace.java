package dev.llmgateway.chat;

/**
 * What a call's trace records of its calls to Bedrock regions: one span per attempt, from its start to its end. A call
 * that is not traced has {@link #NONE}, which does nothing. An attempt is reported to from one thread at a time.
 */
@FunctionalInterface
public interface UpstreamTrace {

    UpstreamTrace NONE = (model, target) -> Attempt.NONE;

    /** An attempt of the call begins: {@code target} of {@code model} (the requested model, or a fallback). */
    Attempt attempt(ModelSpec model, ModelSpec.RegionTarget target);

    /** How one attempt ended; the first report ends it, later ones are ignored. */
    interface Attempt {

        Attempt NONE = new Attempt() {
        };

        /** The region answered: a plain call's answer, or a stream's first event (the stream goes on). */
        default void answered() {
        }

        /** The region failed; {@code mapped} is what the failure means to the gateway, null for an unknown one. */
        default void failed(GatewayException mapped) {
        }

        /** Given up before the region answered (the client left). */
        default void abandoned() {
        }

        /** A stream this attempt answered has ended; {@code error} is what it ended with, or null. */
        default void streamEnded(StreamOutcome outcome, GatewayException error) {
        }
    }
}
