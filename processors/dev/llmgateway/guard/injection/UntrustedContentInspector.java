package dev.llmgateway.guard.injection;

import dev.llmgateway.guard.injection.InjectionRules.Rule;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;

/**
 * Reads untrusted content (tool results, documents, quoted files) for instructions: the detector's rules, as for the
 * caller's words, plus {@link UntrustedContentRules}, on the same text's lower-cased and lookalike-folded views.
 * Within the request's inspection budget, so linear in the text's length like the detector. Thread-safe.
 */
public class UntrustedContentInspector {

    private final InjectionDetector detector;
    private final List<Rule> rules = UntrustedContentRules.rules(DataMarker.TAG);

    public UntrustedContentInspector(InjectionDetector detector) {
        this.detector = detector;
    }

    /** Inspects with the production budget for a text of this length. */
    public InjectionVerdict inspect(String text) {
        return inspect(text, InspectionBudget.forCharacters(text == null ? 0 : text.length()));
    }

    /**
     * @throws dev.llmgateway.guard.text.InspectionBudgetExceededException when the inspection would read more of the
     *                                                                     text than the budget allows
     */
    public InjectionVerdict inspect(String text, InspectionBudget budget) {
        return detector.inspect(text, budget, rules);
    }
}
