package dev.llmgateway.cache;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a semantic match whose query differs from the cached one in a way embeddings barely see: another
 * number, unit, date, name or order of names, a negation, or the opposite term (install / uninstall). A refusal
 * is a cache miss, never an error: the guard errs toward calling the model.
 */
public final class NearMissGuard {

    /** @return why the two queries may have different answers, or empty when they agree on every fact */
    public Optional<String> disagreement(QueryFacts query, QueryFacts cached) {
        if (!query.numbers().equals(cached.numbers())) {
            return Optional.of("numbers " + query.numbers() + " vs " + cached.numbers());
        }
        if (!query.units().equals(cached.units())) {
            return Optional.of("units " + query.units() + " vs " + cached.units());
        }
        if (!query.dates().equals(cached.dates())) {
            return Optional.of("dates " + query.dates() + " vs " + cached.dates());
        }
        if (query.negations() != cached.negations()) {
            return Optional.of("negations " + query.negations() + " vs " + cached.negations());
        }
        for (int i = 0; i < query.opposites().length; i++) {
            int a = query.opposites()[i];
            int b = cached.opposites()[i];
            // One query leaving a pair out says nothing; the two using different sides of it is a different question.
            if (a != 0 && b != 0 && a != b) {
                return Optional.of("opposite terms (pair " + i + ")");
            }
        }
        for (String role : List.of("from", "to", "into", "onto", "than", "vs", "versus")) {
            List<String> a = pointedAt(query.roles(), role);
            List<String> b = pointedAt(cached.roles(), role);
            // "to" also marks infinitives (how to get to the moon): only what one side lacks entirely is telling.
            if (!a.isEmpty() && !b.isEmpty() && !a.containsAll(b) && !b.containsAll(a)) {
                return Optional.of("'" + role + "' points at " + a + " vs " + b);
            }
        }
        if (!namesAppearInOrder(query.entities(), cached.words()) || !namesAppearInOrder(cached.entities(), query.words())) {
            return Optional.of("names " + query.entities() + " vs " + cached.entities());
        }
        return Optional.empty();
    }

    private static List<String> pointedAt(List<String> roles, String role) {
        String prefix = role + ">";
        return roles.stream().filter(r -> r.startsWith(prefix)).map(r -> r.substring(prefix.length())).toList();
    }

    /** Every name of one query must be a word of the other, and in the same order there (where it first appears). */
    private static boolean namesAppearInOrder(List<String> names, List<String> otherWords) {
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < otherWords.size(); i++) {
            firstIndex.putIfAbsent(otherWords.get(i), i);
        }
        int last = -1;
        for (String name : new LinkedHashSet<>(names)) {
            int at = firstIndex.getOrDefault(name, -1);
            if (at < 0 || at < last) {
                return false;
            }
            last = at;
        }
        return true;
    }
}
