package dev.llmgateway.guard.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailOutputContent;

/** Bedrock's answers for the policies the emulator does not play, read as the gateway serves them. */
class GuardrailVerdictTest {

    private static ApplyGuardrailResponse intervened(GuardrailAssessment assessment, String... outputs) {
        return ApplyGuardrailResponse.builder().action(GuardrailAction.GUARDRAIL_INTERVENED)
                .outputs(Arrays.stream(outputs).map(t -> GuardrailOutputContent.builder().text(t).build()).toList())
                .assessments(assessment).build();
    }

    @Test
    void aContentFilterAndAManagedWordListBlockAndAreNamedByType() {
        GuardrailVerdict verdict = GuardrailVerdict.of(intervened(GuardrailAssessment.builder()
                .contentPolicy(p -> p.filters(f -> f.type("VIOLENCE").confidence("HIGH").action("BLOCKED")))
                .wordPolicy(p -> p.managedWordLists(w -> w.match("darn").type("PROFANITY").action("BLOCKED")))
                .build(), "Sorry."));

        assertThat(verdict.outcome()).isEqualTo(GuardrailVerdict.Outcome.BLOCKED);
        assertThat(verdict.flagged()).isEqualTo("content filter (VIOLENCE), managed word list (PROFANITY)")
                .doesNotContain("darn");
    }

    @Test
    void oneBlockedPolicyOutweighsMasking() {
        GuardrailVerdict verdict = GuardrailVerdict.of(intervened(GuardrailAssessment.builder()
                .sensitiveInformationPolicy(p -> p
                        .piiEntities(e -> e.match("a@b.co").type("EMAIL").action("ANONYMIZED"))
                        .regexes(r -> r.name("order id").match("ORD-1").action("BLOCKED")))
                .build(), "Sorry."));

        assertThat(verdict.outcome()).isEqualTo(GuardrailVerdict.Outcome.BLOCKED);
        assertThat(verdict.flagged()).isEqualTo("sensitive information (pattern 'order id')");
    }

    @Test
    void maskingAloneServesTheOutputs() {
        GuardrailVerdict verdict = GuardrailVerdict.of(intervened(GuardrailAssessment.builder()
                .sensitiveInformationPolicy(p -> p.regexes(r -> r.name("order id").match("ORD-1").action("ANONYMIZED")))
                .build(), "Your order {order id} ships today."));

        assertThat(verdict.outcome()).isEqualTo(GuardrailVerdict.Outcome.MASKED);
        assertThat(verdict.outputs()).containsExactly("Your order {order id} ships today.");
    }

    @Test
    void anInterventionTheGatewayCannotReadIsABlock() {
        GuardrailVerdict verdict = GuardrailVerdict.of(intervened(GuardrailAssessment.builder()
                .contextualGroundingPolicy(p -> p.filters(f -> f.type("GROUNDING").score(0.1).threshold(0.5)
                        .action("NONE"))).build(), "Sorry."));

        assertThat(verdict.outcome()).isEqualTo(GuardrailVerdict.Outcome.BLOCKED);
        assertThat(ApplyGuardrailResponse.builder().action(GuardrailAction.NONE).build())
                .extracting(r -> GuardrailVerdict.of(r).outcome()).isEqualTo(GuardrailVerdict.Outcome.PASSED);
    }
}
