package dev.llmgateway.guard.pii;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds personal data and secrets in text and replaces them with typed placeholders such as {@code <EMAIL_1>}.
 * Camel-free and thread-safe; the {@link PlaceholderMap} carries the per-request state.
 */
public class PiiRedactor {

    private final List<PiiDetector> detectors;

    public PiiRedactor(PiiSettings settings) {
        Map<PiiType, PiiDetector> all = StandardDetectors.create(settings.defaultRegion());
        Set<PiiType> enabled = settings.types();
        this.detectors = all.entrySet().stream().filter(e -> enabled.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    /** @return the values found, without overlaps: where two overlap, the type listed first in {@link PiiType} wins, then the longer */
    public List<PiiMatch> find(String text) {
        List<PiiMatch> candidates = new ArrayList<>();
        for (PiiDetector detector : detectors) {
            candidates.addAll(detector.find(text));
        }
        candidates.sort(Comparator.comparing((PiiMatch m) -> m.type().ordinal()).thenComparing(PiiMatch::length, Comparator.reverseOrder()));
        List<PiiMatch> accepted = new ArrayList<>();
        for (PiiMatch candidate : candidates) {
            if (accepted.stream().noneMatch(candidate::overlaps)) {
                accepted.add(candidate);
            }
        }
        accepted.sort(Comparator.comparingInt(PiiMatch::start));
        return accepted;
    }

    /** @return the text with every value found replaced by its placeholder in the map */
    public String redact(String text, PlaceholderMap placeholders) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return replace(text, find(text), placeholders);
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
