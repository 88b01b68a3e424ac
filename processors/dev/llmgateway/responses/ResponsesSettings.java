package dev.llmgateway.responses;

import java.time.Duration;

/**
 * How the Responses API keeps responses (store: true). Every field may be left out; nulls take the defaults.
 *
 * @param retentionDays how long a stored response can be continued, read and deleted (OpenAI keeps them 30 days)
 */
public record ResponsesSettings(Integer retentionDays) {

    public ResponsesSettings {
        retentionDays = retentionDays == null ? 30 : retentionDays;
    }

    public static ResponsesSettings defaults() {
        return new ResponsesSettings(null);
    }

    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }
}
