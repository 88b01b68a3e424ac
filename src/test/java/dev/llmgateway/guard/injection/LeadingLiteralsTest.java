package dev.llmgateway.guard.injection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadingLiteralsTest {

    @Test
    void eachAlternativeGivesItsLiteralStart() {
        assertThat(LeadingLiterals.of("\\b(?:ignore|set aside|stop (?:following|using))\\s+rules").literals())
                .containsExactly("ignore", "set aside", "stop ");
        assertThat(LeadingLiterals.of("\\bnew system (?:prompt|message)\\b|jailbreak").literals()).containsExactly("new system ", "jailbreak");
        assertThat(LeadingLiterals.of("\\bnew system (?:prompt|message)\\b|jailbreak").startMatches()).isTrue();
    }

    @Test
    void aLeadingGroupIsReadInsideAndANestedOneToo() {
        assertThat(LeadingLiterals.of("(?:(?:do not|never) (?:follow|obey)|bypass)").literals()).containsExactly("do not", "never", "bypass");
    }

    @Test
    void aLiteralEndsBeforeAnOptionalOrRepeatedCharacterAndAtAClass() {
        assertThat(LeadingLiterals.of("(?:instructions?|summari[sz]e|cancel+ed|p\\.?s)").literals())
                .containsExactly("instruction", "summari", "cance", "p");
        assertThat(LeadingLiterals.of("e\\.g\\. ").literals()).containsExactly("e.g. ");
    }

    @Test
    void withoutALiteralStartTheLongestLiteralOutsideGroupsIsTaken() {
        assertThat(LeadingLiterals.of("(?:^|\\n)\\s*(?:human|assistant)\\s*:").literals()).containsExactly(":");
        assertThat(LeadingLiterals.of("(?:the )?rules").literals()).containsExactly("rules");
        assertThat(LeadingLiterals.of("(?:the )?rules").startMatches()).isFalse();
        assertThat(LeadingLiterals.of("[a-z]+ rules\\b").literals()).containsExactly(" rules");
        assertThat(LeadingLiterals.of("(?=ignore)ignore").literals()).containsExactly("ignore");
        assertThat(LeadingLiterals.of("(?:x)?ab?c\\.d").literals()).containsExactly("c.d");
        assertThat(LeadingLiterals.of("\\s*(?:[\\s,]+\\w+){0,4}x").literals()).containsExactly("x");
    }

    @Test
    void whatItCannotReadGivesNoLiteralsSoTheRuleAlwaysRuns() {
        assertThat(LeadingLiterals.of("(?:^|\\n)\\s*(?:human|h)?").literals()).isEmpty();
        assertThat(LeadingLiterals.of("ignore|\\s+x").literals()).isEmpty();
        assertThat(LeadingLiterals.of("\\s+(?:a|b)|x").literals()).isEmpty();
        assertThat(LeadingLiterals.of("(?i)\\s*ignore").literals()).isEmpty();
        assertThat(LeadingLiterals.of("\\s*\\Qa|b\\E").literals()).isEmpty();
    }

    @Test
    void noRuleIsSkippedOnATextItMatchesInAnyViewOfTheEvaluationSets() {
        List<InjectionRules.Rule> rules = rules();
        int matches = 0;
        for (String view : evaluationViews()) {
            for (InjectionRules.Rule rule : rules) {
                if (rule.pattern().matcher(view).find()) {
                    matches++;
                    assertThat(rule.mightMatch(view)).as("%s on %s", rule.id(), view).isTrue();
                }
            }
        }
        assertThat(matches).as("rule matches checked").isGreaterThan(500);
    }

    @Test
    void triedOnlyWhereALeadStartsARuleFindsWhatTheWholeRegexFinds() {
        int matches = 0;
        for (String view : evaluationViews()) {
            for (InjectionRules.Rule rule : rules()) {
                boolean found = rule.pattern().matcher(view).find();
                matches += found ? 1 : 0;
                assertThat(rule.bestWeight(view, InspectionBudget.unlimited()) > 0).as("%s on %s", rule.id(), view).isEqualTo(found);
            }
        }
        assertThat(matches).as("rule matches checked").isGreaterThan(500);
    }

    @Test
    void mostRulesHaveLiteralsToBeSkippedBy() {
        assertThat(rules()).filteredOn(rule -> !rule.leads().literals().isEmpty()).hasSizeGreaterThan(rules().size() * 3 / 4);
    }

    /** Each prompt of the evaluation sets in each view the detector matches rules on. */
    private static List<String> evaluationViews() {
        List<String> views = new ArrayList<>();
        for (String set : List.of("/guard/injection-dev.tsv", "/guard/injection-heldout.tsv")) {
            for (LabeledPrompt prompt : LabeledPrompt.load(set)) {
                UnicodeInspector.Inspection inspection = UnicodeInspector.inspect(prompt.text(), InspectionBudget.unlimited());
                views.addAll(List.of(inspection.lower(), inspection.folded(),
                        UnicodeInspector.deobfuscate(inspection.folded(), InspectionBudget.unlimited())));
            }
        }
        return views;
    }

    private static List<InjectionRules.Rule> rules() {
        List<InjectionRules.Rule> rules = new ArrayList<>(InjectionRules.english(InjectionDetector.DEFAULT_DATA_TAG));
        rules.addAll(InjectionRules.multilingual());
        return rules;
    }
}
