package dev.llmgateway.guard.pii;

import dev.llmgateway.guard.injection.Spotlighter;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds personal data and secrets in text and replaces them with typed placeholders such as {@code <EMAIL_1>}.
 * Camel-free and thread-safe; the {@link PlaceholderMap} carries the per-request state. Reading a text costs time
 * linear in its length, charged to the {@link InspectionBudget} the caller passes; when it runs out, an
 * {@link dev.llmgateway.guard.text.InspectionBudgetExceededException} says the text could not be checked.
 */
public class PiiRedactor {

    private final List<PiiDetector> detectors;

    public PiiRedactor(PiiSettings settings) {
        Map<PiiType, PiiDetector> all = StandardDetectors.create(settings.phoneRegions());
        Set<PiiType> enabled = settings.types();
        this.detectors = all.entrySet().stream().filter(e -> enabled.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    /** @return the values found, without overlaps: where two overlap, the type listed first in {@link PiiType} wins, then the longer */
    public List<PiiMatch> find(String text, InspectionBudget budget) {
        // Datamarked text (the injection guard's spotlighting) joins its words with a mark: values are found in it as
        // in the same text with spaces, at the same places.
        String words = text.indexOf(Spotlighter.DATA_MARK) < 0 ? text : text.replace(Spotlighter.DATA_MARK, ' ');
        List<PiiMatch> candidates = new ArrayList<>();
        for (PiiDetector detector : detectors) {
            candidates.addAll(detector.find(words, budget));
        }
        candidates.sort(Comparator.comparing((PiiMatch m) -> m.type().ordinal()).thenComparing(PiiMatch::length, Comparator.reverseOrder()));
        // The accepted values by start; they never overlap, so only the neighbours of a candidate can overlap it.
        TreeMap<Integer, PiiMatch> accepted = new TreeMap<>();
        for (PiiMatch candidate : candidates) {
            Map.Entry<Integer, PiiMatch> before = accepted.floorEntry(candidate.start());
            Map.Entry<Integer, PiiMatch> after = accepted.ceilingEntry(candidate.start());
            if ((before == null || !before.getValue().overlaps(candidate)) && (after == null || !after.getValue().overlaps(candidate))) {
                accepted.put(candidate.start(), candidate);
            }
        }
        return new ArrayList<>(accepted.values());
    }

    /** @return the text with every value found replaced by its placeholder in the map */
    public String redact(String text, PlaceholderMap placeholders, InspectionBudget budget) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return replace(text, find(text, budget), placeholders);
    }

    static String replace(String text, List<PiiMatch> matches, PlaceholderMap placeholders) {
        StringBuilder out = new StringBuilder(text.length());
        int position = 0;
        for (PiiMatch match : matches) {
            out.append(text, position, match.start());
            out.append(placeholders.placeholderFor(match.type(), text.substring(match.start(), match.end())));
            position = match.end();
        }
        return out.append(text, position, text.length()).toString();
    }
}
