package dev.llmgateway.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadingLiteralsTest {

    @Test
    void eachAlternativeGivesItsLiteralStart() {
        assertThat(LeadingLiterals.of("\\b(?:ignore|set aside|stop (?:following|using))\\s+rules"))
                .containsExactly("ignore", "set aside", "stop ");
        assertThat(LeadingLiterals.of("\\bnew system (?:prompt|message)\\b|jailbreak")).containsExactly("new system ", "jailbreak");
    }

    @Test
    void aLeadingGroupIsReadInsideAndANestedOneToo() {
        assertThat(LeadingLiterals.of("(?:(?:do not|never) (?:follow|obey)|bypass)")).containsExactly("do not", "never", "bypass");
    }

    @Test
    void aLiteralEndsBeforeAnOptionalOrRepeatedCharacterAndAtAClass() {
        assertThat(LeadingLiterals.of("(?:instructions?|summari[sz]e|cancel+ed|p\\.?s)"))
                .containsExactly("instruction", "summari", "cance", "p");
        assertThat(LeadingLiterals.of("e\\.g\\. ")).containsExactly("e.g. ");
    }

    @Test
    void withoutALiteralStartTheLongestLiteralOutsideGroupsIsTaken() {
        assertThat(LeadingLiterals.of("(?:^|\\n)\\s*(?:human|assistant)\\s*:")).containsExactly(":");
        assertThat(LeadingLiterals.of("(?:the )?rules")).containsExactly("rules");
        assertThat(LeadingLiterals.of("[a-z]+ rules\\b")).containsExactly(" rules");
        assertThat(LeadingLiterals.of("(?=ignore)ignore")).containsExactly("ignore");
        assertThat(LeadingLiterals.of("(?:x)?ab?c\\.d")).containsExactly("c.d");
        assertThat(LeadingLiterals.of("\\s*(?:[\\s,]+\\w+){0,4}x")).containsExactly("x");
    }

    @Test
    void whatItCannotReadGivesNoLiteralsSoTheRuleAlwaysRuns() {
        assertThat(LeadingLiterals.of("(?:^|\\n)\\s*(?:human|h)?")).isEmpty();
        assertThat(LeadingLiterals.of("ignore|\\s+x")).isEmpty();
        assertThat(LeadingLiterals.of("\\s+(?:a|b)|x")).isEmpty();
        assertThat(LeadingLiterals.of("(?i)\\s*ignore")).isEmpty();
        assertThat(LeadingLiterals.of("\\s*\\Qa|b\\E")).isEmpty();
    }

    @Test
    void noRuleIsSkippedOnATextItMatchesInAnyViewOfTheEvaluationSets() {
        List<InjectionRules.Rule> rules = rules();
        List<String> texts = new ArrayList<>();
        for (String set : List.of("/guard/injection-dev.tsv", "/guard/injection-heldout.tsv")) {
            LabeledPrompt.load(set).forEach(prompt -> texts.add(prompt.text()));
        }
        int matches = 0;
        for (String text : texts) {
            UnicodeInspector.Inspection inspection = UnicodeInspector.inspect(text);
            for (String view : List.of(inspection.lower(), inspection.folded(),
                    UnicodeInspector.deobfuscate(inspection.folded()))) {
                for (InjectionRules.Rule rule : rules) {
                    if (rule.pattern().matcher(view).find()) {
                        matches++;
                        assertThat(rule.mightMatch(view)).as("%s on %s", rule.id(), view).isTrue();
                    }
                }
            }
        }
        assertThat(matches).as("rule matches checked").isGreaterThan(500);
    }

    @Test
    void mostRulesHaveLiteralsToBeSkippedBy() {
        assertThat(rules()).filteredOn(rule -> !rule.leads().isEmpty()).hasSizeGreaterThan(rules().size() * 3 / 4);
    }

    private static List<InjectionRules.Rule> rules() {
        List<InjectionRules.Rule> rules = new ArrayList<>(InjectionRules.english(InjectionDetector.DEFAULT_DATA_TAG));
        rules.addAll(InjectionRules.multilingual());
        return rules;
    }
}
