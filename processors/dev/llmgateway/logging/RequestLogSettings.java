package dev.llmgateway.logging;

/**
 * The request log: one JSON line per finished call on the logger {@link RequestLog#LOGGER}.
 *
 * @param bodies       whether the line carries the prompt and the answer (always PII-redacted)
 * @param maxBodyChars the most characters of the prompt and of the answer a line carries
 */
public record RequestLogSettings(Boolean bodies, Integer maxBodyChars) {

    public RequestLogSettings {
        bodies = bodies != null && bodies;
        maxBodyChars = maxBodyChars == null ? 2000 : maxBodyChars;
        if (maxBodyChars < 1) {
            throw new IllegalArgumentException("maxBodyChars must be at least 1, got " + maxBodyChars);
        }
    }

    public static RequestLogSettings defaults() {
        return new RequestLogSettings(null, null);
    }
}
