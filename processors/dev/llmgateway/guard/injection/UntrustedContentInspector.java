package dev.llmgateway.guard.injection;

import dev.llmgateway.guard.injection.InjectionRules.Rule;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads untrusted content (tool results, documents, quoted files) for instructions: the detector's rules, as for the
 * caller's words, plus {@link UntrustedContentRules}, on the same text's lower-cased and lookalike-folded views.
 * Within the request's inspection budget, so linear in the text's length like the detector. Thread-safe.
 */
public class UntrustedContentInspector {

    private final InjectionDetector detector;
    private final List<Rule> rules = UntrustedContentRules.rules(DataMarker.TAG);
    private final double threshold;

    public UntrustedContentInspector(InjectionDetector detector, double threshold) {
        this.detector = detector;
        this.threshold = threshold;
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
        InjectionVerdict asWords = detector.inspect(text, budget);
        List<InjectionFinding> findings = new ArrayList<>(asWords.findings());
        UnicodeInspector.Inspection views = UnicodeInspector.inspect(text == null ? "" : text, budget);
        for (Rule rule : rules) {
            double weight = rule.bestWeight(views.lower(), budget);
            if (weight < rule.weight() && !views.folded().equals(views.lower())) {
                weight = Math.max(weight, rule.bestWeight(views.folded(), budget));
            }
            if (weight > 0) {
                findings.add(new InjectionFinding(rule.family(), rule.id(), weight));
            }
        }
        double score = InjectionFinding.totalWeight(findings);
        return new InjectionVerdict(findings, score, score >= threshold);
    }
}
