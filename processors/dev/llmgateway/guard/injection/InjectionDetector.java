package dev.llmgateway.guard.injection;

import static dev.llmgateway.guard.injection.InjectionFamily.ENCODED_PAYLOAD;
import static dev.llmgateway.guard.injection.InjectionFamily.OBFUSCATION;

import dev.llmgateway.guard.injection.InjectionRules.Rule;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a text for prompt-injection techniques. Rules run on three views of the text: lower-cased NFKC, the same
 * with lookalike letters folded, and the same with spaced-out and leetspeak words rejoined; a rule that only fires
 * on a de-obfuscated view also counts as obfuscation. Base64, hex and tag-character payloads are decoded and
 * inspected in turn. Camel-free and thread-safe.
 */
public class InjectionDetector {

    /** The tag that wraps user content in sanitize mode; text that opens or closes it is spoofing. */
    public static final String DEFAULT_DATA_TAG = "user_data";
    public static final double DEFAULT_THRESHOLD = 1.0;

    private static final int MAX_DECODE_DEPTH = 2;

    private final List<Rule> englishRules;
    private final List<Rule> multilingualRules = InjectionRules.multilingual();
    private final double threshold;

    public InjectionDetector() {
        this(DEFAULT_DATA_TAG, DEFAULT_THRESHOLD);
    }

    /**
     * @param dataTag   the delimiter tag the sanitizer wraps user content in
     * @param threshold the summed finding weight at which a text counts as an injection
     */
    public InjectionDetector(String dataTag, double threshold) {
        this.englishRules = InjectionRules.english(dataTag);
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
        return inspect(text, budget, List.of());
    }

    /**
     * Inspects with more rules ({@link UntrustedContentRules}), matched on the text's lower-cased view and, where they
     * fall short of their weight there, on its lookalike-folded one: the views the detector's rules read, made once.
     */
    InjectionVerdict inspect(String text, InspectionBudget budget, List<Rule> moreRules) {
        Map<String, InjectionFinding> findings = new LinkedHashMap<>();
        String inspected = text == null ? "" : text;
        UnicodeInspector.Inspection views = UnicodeInspector.inspect(inspected, budget);
        collect(inspected, views, 0, findings, budget);
        for (Rule rule : moreRules) {
            double weight = rule.bestWeight(views.lower(), budget);
            if (weight < rule.weight() && !views.folded().equals(views.lower())) {
                weight = Math.max(weight, rule.bestWeight(views.folded(), budget));
            }
            if (weight > 0) {
                add(findings, new InjectionFinding(rule.family(), rule.id(), weight));
            }
        }
        double score = InjectionFinding.totalWeight(findings.values());
        return new InjectionVerdict(new ArrayList<>(findings.values()), score, score >= threshold);
    }

    private void collect(String text, int depth, Map<String, InjectionFinding> findings, InspectionBudget budget) {
        collect(text, UnicodeInspector.inspect(text, budget), depth, findings, budget);
    }

    private void collect(String text, UnicodeInspector.Inspection inspection, int depth,
                         Map<String, InjectionFinding> findings, InspectionBudget budget) {
        matchRules(multilingualRules, inspection.lower(), false, findings, budget);
        matchRules(englishRules, inspection.lower(), false, findings, budget);
        // an identical view can add no finding; most texts have no lookalike letters
        if (!inspection.folded().equals(inspection.lower())) {
            matchRules(englishRules, inspection.folded(), true, findings, budget);
        }
        String deobfuscated = UnicodeInspector.deobfuscate(inspection.folded(), budget);
        if (!deobfuscated.equals(inspection.folded())) {
            matchRules(englishRules, deobfuscated, true, findings, budget);
        }
        addUnicodeFindings(inspection, findings);
        // tag characters hide only ASCII, which holds no tag characters: one level at most
        if (!inspection.smuggled().isEmpty()) {
            collect(inspection.smuggled(), depth + 1, findings, budget);
        }
        if (depth < MAX_DECODE_DEPTH) {
            for (String decoded : EncodedPayloads.decodeAll(text, budget)) {
                Map<String, InjectionFinding> inner = new LinkedHashMap<>();
                collect(decoded, depth + 1, inner, budget);
                if (InjectionFinding.totalWeight(inner.values()) >= threshold) {
                    add(findings, new InjectionFinding(ENCODED_PAYLOAD, "encoded.decodes-to-injection", threshold));
                    inner.values().forEach(f -> add(findings, f));
                }
            }
        }
    }

    private static void matchRules(List<Rule> rules, String view, boolean deobfuscatedView, Map<String, InjectionFinding> findings,
                                   InspectionBudget budget) {
        for (Rule rule : rules) {
            if (findings.containsKey(rule.id()) && findings.get(rule.id()).weight() >= rule.weight()) {
                continue;
            }
            double best = rule.bestWeight(view, budget);
            if (best > 0) {
                InjectionFinding previous = findings.get(rule.id());
                if (previous == null || previous.weight() < best) {
                    findings.put(rule.id(), new InjectionFinding(rule.family(), rule.id(), best));
                    if (deobfuscatedView && previous == null) {
                        add(findings, new InjectionFinding(OBFUSCATION, "obfuscation.hidden-phrase", 0.5));
                    }
                }
            }
        }
    }

    private static void addUnicodeFindings(UnicodeInspector.Inspection inspection, Map<String, InjectionFinding> findings) {
        if (!inspection.smuggled().isEmpty()) {
            add(findings, new InjectionFinding(OBFUSCATION, "obfuscation.tag-characters", 1.0));
        }
        if (inspection.invisible() >= 2) {
            add(findings, new InjectionFinding(OBFUSCATION, "obfuscation.invisible-characters", inspection.invisible() >= 5 ? 1.0 : 0.6));
        }
        if (inspection.bidiControls() > 0) {
            add(findings, new InjectionFinding(OBFUSCATION, "obfuscation.bidi-controls", Math.min(1.0, 0.5 * inspection.bidiControls())));
        }
        if (inspection.controls() >= 3) {
            add(findings, new InjectionFinding(OBFUSCATION, "obfuscation.control-characters", inspection.controls() >= 8 ? 1.0 : 0.6));
        }
        if (inspection.mixedScriptWords() > 0) {
            add(findings, new InjectionFinding(OBFUSCATION, "obfuscation.homoglyphs", inspection.mixedScriptWords() >= 3 ? 1.0 : 0.5));
        }
    }

    private static void add(Map<String, InjectionFinding> findings, InjectionFinding finding) {
        findings.merge(finding.rule(), finding, (a, b) -> a.weight() >= b.weight() ? a : b);
    }
}
