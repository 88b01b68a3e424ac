package dev.llmgateway.emulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A guardrail as the emulator plays it, standing for one configured in AWS. Read from JSON, e.g.
 * <pre>{"version": "1",
 *  "topics": [{"name": "Investment advice", "words": ["stocks", "portfolio"]}],
 *  "words": [{"text": "zebra", "input": false}],
 *  "pii": [{"type": "EMAIL", "action": "ANONYMIZED"}, {"type": "PHONE", "action": "BLOCKED", "output": false}],
 *  "blockedInputMessaging": "Sorry, I cannot help with that.",
 *  "blockedOutputsMessaging": "Sorry, I cannot answer that."}</pre>
 * Every policy applies to both sources unless its {@code input} or {@code output} is false. Denied topics are found by
 * their trigger words (Bedrock's classifier reads definitions and examples); words and trigger words match whole words,
 * ignoring case. PII types EMAIL and PHONE are recognized.
 *
 * @param version the one numbered version that exists besides DRAFT; null: only DRAFT
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record GuardrailDefinition(String version, List<Topic> topics, List<Word> words, List<Pii> pii,
                                  String blockedInputMessaging, String blockedOutputsMessaging) {

    public GuardrailDefinition {
        topics = topics == null ? List.of() : List.copyOf(topics);
        words = words == null ? List.of() : List.copyOf(words);
        pii = pii == null ? List.of() : List.copyOf(pii);
        blockedInputMessaging = blockedInputMessaging == null ? "Sorry, the model cannot answer this question."
                : blockedInputMessaging;
        blockedOutputsMessaging = blockedOutputsMessaging == null ? "Sorry, the model cannot answer this question."
                : blockedOutputsMessaging;
        for (Pii entity : pii) {
            if (!GuardrailAssessor.PII_TYPES.contains(entity.type())) {
                throw new IllegalArgumentException("guardrail pii type must be one of " + GuardrailAssessor.PII_TYPES
                        + ": " + entity.type());
            }
            if (!"ANONYMIZED".equals(entity.action()) && !"BLOCKED".equals(entity.action())) {
                throw new IllegalArgumentException("guardrail pii action must be ANONYMIZED or BLOCKED: "
                        + entity.action());
            }
        }
    }

    /** Whether the request's version names this guardrail: DRAFT always, else its numbered version. */
    boolean hasVersion(String requested) {
        return "DRAFT".equals(requested) || requested.equals(version);
    }

    /** A denied topic, found by any of its words. */
    public record Topic(String name, List<String> words, Boolean input, Boolean output) {
        public Topic {
            words = words == null ? List.of() : List.copyOf(words);
        }
    }

    /** A custom blocked word or phrase. */
    public record Word(String text, Boolean input, Boolean output) {
    }

    /** A sensitive information type with its action, ANONYMIZED (masked as {TYPE}) or BLOCKED. */
    public record Pii(String type, String action, Boolean input, Boolean output) {
    }

    static boolean applies(Boolean input, Boolean output, boolean inputSource) {
        Boolean flag = inputSource ? input : output;
        return flag == null || flag;
    }
}
