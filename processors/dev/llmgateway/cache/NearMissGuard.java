package dev.llmgateway.cache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a semantic match whose query differs from the cached one in a way embeddings barely see: another
 * number, unit, date, name or order of names, a negation, or the opposite term (install / uninstall). A refusal
 * is a cache miss, never an error: the guard errs toward calling the model.
 */
public final class NearMissGuard {

    private static final Set<String> YES_NO_AND_REQUEST = Set.of(SalientWords.YES_NO, SalientWords.OTHER);
    private static final Set<String> TOWARD = Set.of("to", "into", "onto");

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
        Optional<String> salient = disagreement(query.salient(), cached.salient());
        if (salient.isPresent()) {
            return salient;
        }
        Optional<String> direction = oppositeDirections(query.roles(), cached.roles());
        if (direction.isPresent()) {
            return direction;
        }
        if (!namesAppearInOrder(query.entities(), cached.words()) || !namesAppearInOrder(cached.entities(), query.words())) {
            return Optional.of("names " + query.entities() + " vs " + cached.entities());
        }
        return Optional.empty();
    }

    /** Who (my / our / your), how much (all / some), when (evening, weekly) and which way (A of B / B of A). */
    private static Optional<String> disagreement(SalientWords query, SalientWords cached) {
        if (!query.mood().equals(cached.mood()) && YES_NO_AND_REQUEST.contains(query.mood())
                && YES_NO_AND_REQUEST.contains(cached.mood())) {
            return Optional.of("mood " + query.mood() + " vs " + cached.mood());
        }
        if (!query.persons().equals(cached.persons())) {
            return Optional.of("persons " + query.persons() + " vs " + cached.persons());
        }
        if (!query.scopes().equals(cached.scopes())) {
            return Optional.of("scope " + query.scopes() + " vs " + cached.scopes());
        }
        if (!query.periods().equals(cached.periods())) {
            return Optional.of("periods " + query.periods() + " vs " + cached.periods());
        }
        Optional<String> added = addedModifier(query, cached);
        if (added.isEmpty()) {
            added = addedModifier(cached, query);
        }
        if (added.isPresent()) {
            return added;
        }
        Set<String> cachedRelations = new HashSet<>(cached.relations());
        for (String relation : query.relations()) {
            String[] parts = relation.split(">", 3);
            String reversed = parts[2] + ">" + parts[1] + ">" + parts[0];
            if (!parts[0].equals(parts[2]) && cachedRelations.contains(reversed)
                    && !cachedRelations.contains(relation)) {
                return Optional.of("relation " + relation + " vs " + reversed);
            }
        }
        return Optional.empty();
    }

    /**
     * A word that narrows what the other query asks about: the wider query has every content word of the narrower
     * one and one more, right before one of them (users / active users, plans / paid plans).
     */
    private static Optional<String> addedModifier(SalientWords narrower, SalientWords wider) {
        Set<String> narrow = new HashSet<>(narrower.content());
        Set<String> added = new HashSet<>(wider.content());
        if (narrow.isEmpty() || !added.containsAll(narrow)) {
            return Optional.empty();
        }
        added.removeAll(narrow);
        if (added.size() != 1) {
            return Optional.empty();
        }
        String modifier = added.iterator().next();
        for (String pair : wider.adjacent()) {
            if (pair.startsWith(modifier + " ") && narrow.contains(pair.substring(modifier.length() + 1))) {
                return Optional.of("'" + modifier + "' narrows '" + pair.substring(modifier.length() + 1) + "'");
            }
        }
        return Optional.empty();
    }

    /** The same thing pointed at from one side and toward it on the other: copy files to S3 / copy files from S3. */
    private static Optional<String> oppositeDirections(List<String> query, List<String> cached) {
        Set<String> cachedRoles = new HashSet<>(cached);
        for (String role : query) {
            String filler = role.substring(role.indexOf('>') + 1);
            boolean toward = TOWARD.contains(role.substring(0, role.indexOf('>')));
            boolean away = role.startsWith("from>");
            if (toward && cachedRoles.contains("from>" + filler) && !cachedRoles.contains(role)
                    || away && TOWARD.stream().anyMatch(t -> cachedRoles.contains(t + ">" + filler))
                    && !cachedRoles.contains(role)) {
                return Optional.of("direction " + role + " vs the other way");
            }
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
