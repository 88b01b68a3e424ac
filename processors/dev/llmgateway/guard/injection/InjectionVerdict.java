package dev.llmgateway.guard.injection;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the detector concluded about a text.
 *
 * @param findings  every rule that fired, including weak ones that did not reach the threshold together
 * @param score     the summed weight of the findings
 * @param injection whether the score reached the detector's threshold
 */
public record InjectionVerdict(List<InjectionFinding> findings, double score, boolean injection) {

    public InjectionVerdict {
        findings = List.copyOf(findings);
    }

    /** @return the verdict on a text the detector could not read within its budget: an injection, fail closed */
    public static InjectionVerdict uninspectable() {
        return new InjectionVerdict(List.of(new InjectionFinding(InjectionFamily.UNINSPECTABLE, "inspection.budget-exceeded",
                1.0)), 1.0, true);
    }

    public Set<InjectionFamily> families() {
        Set<InjectionFamily> families = EnumSet.noneOf(InjectionFamily.class);
        findings.forEach(f -> families.add(f.family()));
        return families;
    }

    public String familyCodes() {
        return families().stream().map(InjectionFamily::code).collect(Collectors.joining(","));
    }
}
