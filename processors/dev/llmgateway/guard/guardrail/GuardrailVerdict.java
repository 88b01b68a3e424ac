package dev.llmgateway.guard.guardrail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailOutputContent;

/**
 * What ApplyGuardrail decided about a text: passed (or unchecked, see {@link Outcome}); masked (every policy that acted anonymized, so the guardrail's
 * outputs are the texts to use); or blocked (any policy blocked, or the guardrail intervened in a way the gateway does
 * not know how to serve). The findings name what the guardrail found by its own names (a topic's name, a filter's
 * type, an entity type), never the matched text.
 *
 * @param outcome  passed, masked or blocked
 * @param outputs  the guardrail's texts: the masked texts, one per text sent, when masked
 * @param findings what it flagged, e.g. "denied topic 'Investment advice'", "sensitive information (EMAIL)"
 */
public record GuardrailVerdict(Outcome outcome, List<String> outputs, List<String> findings) {

    /** UNCHECKED: the guardrail could not be reached and the settings let the text through. */
    public enum Outcome { PASSED, MASKED, BLOCKED, UNCHECKED }

    private static final String BLOCKED = "BLOCKED";
    private static final String ANONYMIZED = "ANONYMIZED";

    public GuardrailVerdict {
        outputs = List.copyOf(outputs);
        findings = List.copyOf(findings);
    }

    /** The verdict of a guardrail that could not be reached and is configured to let calls through. */
    static GuardrailVerdict unchecked() {
        return new GuardrailVerdict(Outcome.UNCHECKED, List.of(), List.of());
    }

    public static GuardrailVerdict of(ApplyGuardrailResponse response) {
        if (response.action() != GuardrailAction.GUARDRAIL_INTERVENED) {
            return new GuardrailVerdict(Outcome.PASSED, List.of(), List.of());
        }
        Set<String> blocked = new LinkedHashSet<>();
        Set<String> masked = new LinkedHashSet<>();
        for (GuardrailAssessment assessment : response.assessments()) {
            read(assessment, blocked, masked);
        }
        List<String> outputs = response.outputs().stream().map(GuardrailOutputContent::text).toList();
        if (blocked.isEmpty() && !masked.isEmpty()) {
            return new GuardrailVerdict(Outcome.MASKED, outputs, new ArrayList<>(masked));
        }
        if (blocked.isEmpty()) {
            blocked.add("a policy the gateway cannot serve masked");
        }
        return new GuardrailVerdict(Outcome.BLOCKED, List.of(), new ArrayList<>(blocked));
    }

    private static void read(GuardrailAssessment a, Set<String> blocked, Set<String> masked) {
        if (a.topicPolicy() != null) {
            a.topicPolicy().topics().forEach(t ->
                    add(t.actionAsString(), "denied topic '" + t.name() + "'", blocked, masked));
        }
        if (a.contentPolicy() != null) {
            a.contentPolicy().filters().forEach(f ->
                    add(f.actionAsString(), "content filter (" + f.typeAsString() + ")", blocked, masked));
        }
        if (a.wordPolicy() != null) {
            // the word itself is the caller's or the model's text: it is not repeated
            a.wordPolicy().customWords().forEach(w -> add(w.actionAsString(), "a blocked word", blocked, masked));
            a.wordPolicy().managedWordLists().forEach(w ->
                    add(w.actionAsString(), "managed word list (" + w.typeAsString() + ")", blocked, masked));
        }
        if (a.sensitiveInformationPolicy() != null) {
            a.sensitiveInformationPolicy().piiEntities().forEach(e ->
                    add(e.actionAsString(), "sensitive information (" + e.typeAsString() + ")", blocked, masked));
            a.sensitiveInformationPolicy().regexes().forEach(r ->
                    add(r.actionAsString(), "sensitive information (pattern '" + r.name() + "')", blocked, masked));
        }
        if (a.contextualGroundingPolicy() != null) {
            a.contextualGroundingPolicy().filters().forEach(f ->
                    add(f.actionAsString(), "contextual grounding (" + f.typeAsString() + ")", blocked, masked));
        }
        if (a.automatedReasoningPolicy() != null && a.automatedReasoningPolicy().hasFindings()) {
            blocked.add("automated reasoning");
        }
    }

    private static void add(String action, String finding, Set<String> blocked, Set<String> masked) {
        if (BLOCKED.equals(action)) {
            blocked.add(finding);
        } else if (ANONYMIZED.equals(action)) {
            masked.add(finding);
        }
    }

    /** @return what was flagged, for a message: "denied topic 'X', a blocked word" */
    public String flagged() {
        return String.join(", ", findings);
    }
}
