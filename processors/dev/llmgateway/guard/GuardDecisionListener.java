package dev.llmgateway.guard;

import dev.llmgateway.guard.pii.PiiType;

/** Told of each decision the guards take (metrics). Called on the request's path: be quick, never throw. */
public interface GuardDecisionListener {

    GuardDecisionListener NONE = new GuardDecisionListener() {
    };

    /**
     * @param decision passed, flagged, sanitized or blocked
     * @param family   the injection family that decided it (one call per family), none when it passed
     */
    default void injection(String team, String decision, String family) {
    }

    /**
     * @param decision flagged, sanitized or blocked: instructions were found in untrusted content
     * @param source   the kind of content they were found in: tool_result, document or quoted (one call per kind)
     */
    default void untrustedContent(String team, String decision, String source) {
    }

    /** @param count how many distinct values of the type were replaced in the request */
    default void piiRedacted(String team, PiiType type, int count) {
    }

    /**
     * @param decision refused (the prompt is over a limit) or clamped (max_tokens was lowered)
     * @param reason   prompt_too_long or context_length_exceeded; model_max_output, team_limit or context_window
     */
    default void tokenLimit(String team, String decision, String reason) {
    }

    /**
     * @param source   input (the prompt) or output (the answer, or a chunk of a streamed one)
     * @param decision passed, masked, blocked, unchecked (unreachable, let through by failOpen) or failed
     */
    default void guardrail(String team, String source, String decision) {
    }
}
