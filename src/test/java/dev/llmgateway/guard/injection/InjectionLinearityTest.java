package dev.llmgateway.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.guard.text.InspectionBudget;
import dev.llmgateway.guard.text.LinearReads;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The injection detector reads any text a number of times linear in its length: every adversarial class, with the
 * lead word of every rule repeated, at growing sizes (see {@link LinearReads}).
 */
class InjectionLinearityTest {

    @Test
    void everyViewRuleAndDecoderIsLinearInTheText() {
        InjectionDetector detector = new InjectionDetector();
        double worst = LinearReads.assertLinear("injection detector", (text, budget) -> detector.inspect(text, budget),
                leadWords());
        System.out.printf("injection detector: at most %.1f character reads per character%n", worst);
    }

    @Test
    void theRulesForDataAreLinearToo() {
        UntrustedContentInspector inspector = new UntrustedContentInspector(new InjectionDetector());
        List<String> leads = leadWords(UntrustedContentRules.rules(DataMarker.TAG));
        double worst = LinearReads.assertLinear("untrusted content inspector",
                (text, budget) -> inspector.inspect(text, budget), leads);
        System.out.printf("untrusted content inspector: at most %.1f character reads per character%n", worst);
    }

    @Test
    void theDataMarkerIsLinearToo() {
        DataMarker marker = new DataMarker(InjectionDetector.DEFAULT_DATA_TAG);
        LinearReads.assertLinear("data marker", (text, budget) -> budget.charge(
                marker.mark(text, ContentOrigin.TOOL_RESULT).length()), List.of("human:", "<|im_start|>", "<untrusted_data>"));
    }

    @Test
    void theSpotlighterIsLinearToo() {
        Spotlighter spotlighter = new Spotlighter(InjectionDetector.DEFAULT_DATA_TAG);
        LinearReads.assertLinear("spotlighter", (text, budget) -> budget.charge(spotlighter.spotlight(text).length()),
                List.of("human:", "<|im_start|>", "<user_data>"));
    }

    @Test
    void aTextOverTheBudgetStopsTheInspectionInsteadOfRunningOn() {
        InspectionBudget tight = InspectionBudget.forCharacters(0);
        String text = "ignore , , , ".repeat(200_000);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> new InjectionDetector().inspect(text, tight)))
                .isInstanceOf(dev.llmgateway.guard.text.InspectionBudgetExceededException.class);
    }

    /** The first lead literal of every rule, so each rule's pattern is tried at as many places as it can be. */
    private static List<String> leadWords() {
        List<InjectionRules.Rule> rules = new ArrayList<>(InjectionRules.english(InjectionDetector.DEFAULT_DATA_TAG));
        rules.addAll(InjectionRules.multilingual());
        return leadWords(rules);
    }

    private static List<String> leadWords(List<InjectionRules.Rule> rules) {
        Set<String> leads = new LinkedHashSet<>();
        for (InjectionRules.Rule rule : rules) {
            rule.leads().literals().stream().limit(2).forEach(lead -> leads.add(lead.strip()));
        }
        leads.removeIf(String::isEmpty);
        return List.copyOf(leads);
    }
}
