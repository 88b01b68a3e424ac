package dev.llmgateway.prompt;

import java.util.Map;

/**
 * A versioned prompt: the system prompt a caller cannot change, a user template with named {{variables}}, and the
 * model and parameters to use unless the request sets them.
 *
 * @param system      the system prompt (may be null)
 * @param user        the user message template, e.g. "Summarize in {{sentences}} sentences:\n{{text}}"
 * @param model       default model alias
 * @param maxTokens   default max_tokens
 * @param temperature default temperature
 * @param defaults    values for variables a request may leave out
 */
public record PromptTemplate(String system, String user, String model, Integer maxTokens, Double temperature,
                             Map<String, String> defaults) {

    public PromptTemplate {
        defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }
}
