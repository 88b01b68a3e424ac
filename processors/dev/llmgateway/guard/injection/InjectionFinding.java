package dev.llmgateway.guard.injection;

import java.util.Collection;

/**
 * One rule that fired on a text.
 *
 * @param family the technique family
 * @param rule   a stable id of the rule, for logs and tuning
 * @param weight how much this finding counts towards the verdict; 1.0 or more is enough on its own
 */
public record InjectionFinding(InjectionFamily family, String rule, double weight) {

    /** How much these findings count together towards a verdict. */
    static double totalWeight(Collection<InjectionFinding> findings) {
        return findings.stream().mapToDouble(InjectionFinding::weight).sum();
    }
}
