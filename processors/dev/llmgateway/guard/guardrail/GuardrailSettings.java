package dev.llmgateway.guard.guardrail;

import java.util.Map;

/**
 * Settings of the Bedrock guardrails the gateway applies (ApplyGuardrail on the prompt and on the answer).
 *
 * @param teams            the guardrail of each team that has one; it wins over the model's
 * @param models           the guardrail of each model alias that has one, for teams without their own
 * @param streamChunkChars characters of a streamed answer held back and checked at a time (the last chunk at the
 *                         stream's end); default 1,000, Bedrock's text unit
 * @param deadlineMs       the longest one check may take, retries included, before the guardrail counts as
 *                         unreachable; default 10,000
 * @param failOpen         whether a guardrail that cannot be reached lets the call through unchecked (logged);
 *                         default false: the call fails (503)
 */
public record GuardrailSettings(Map<String, GuardrailRef> teams, Map<String, GuardrailRef> models,
                                Integer streamChunkChars, Long deadlineMs, Boolean failOpen) {

    static final int MIN_CHUNK_CHARS = 20;

    public GuardrailSettings {
        teams = teams == null ? Map.of() : Map.copyOf(teams);
        models = models == null ? Map.of() : Map.copyOf(models);
        streamChunkChars = streamChunkChars == null ? 1000 : streamChunkChars;
        deadlineMs = deadlineMs == null ? 10_000L : deadlineMs;
        failOpen = failOpen != null && failOpen;
        if (streamChunkChars < MIN_CHUNK_CHARS) {
            throw new IllegalArgumentException("streamChunkChars must be at least " + MIN_CHUNK_CHARS + ", got "
                    + streamChunkChars);
        }
        if (deadlineMs < 100) {
            throw new IllegalArgumentException("deadlineMs must be at least 100, got " + deadlineMs);
        }
    }

    public static GuardrailSettings defaults() {
        return new GuardrailSettings(null, null, null, null, null);
    }

    /** @return the same settings with these teams' guardrails */
    public GuardrailSettings withTeams(Map<String, GuardrailRef> newTeams) {
        return new GuardrailSettings(newTeams, models, streamChunkChars, deadlineMs, failOpen);
    }

    /** @return the guardrail of a call: the team's, else the model's, else null */
    public GuardrailRef of(String team, String modelAlias) {
        GuardrailRef own = team == null ? null : teams.get(team);
        return own != null ? own : models.get(modelAlias);
    }
}
