package dev.llmgateway.http;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known name nearest to a misspelled one, for "did you mean ...?" in configuration and request errors. */
public final class NearestName {

    /** A known name and how many edits away it is. */
    public record Match(String name, int distance) {

        /** @return whether the match is near enough to be the name that was meant */
        public boolean likely(String misspelled) {
            return distance <= Math.max(2, misspelled.length() / 6);
        }
    }

    private NearestName() {
    }

    /** @return the candidate with the fewest edits from {@code name} (case ignored; ties: the first in order) */
    public static Optional<Match> nearest(String name, Collection<String> candidates) {
        Match best = null;
        for (String candidate : candidates) {
            int distance = distance(name.toUpperCase(Locale.ROOT), candidate.toUpperCase(Locale.ROOT));
            if (best == null || distance < best.distance()) {
                best = new Match(candidate, distance);
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Edits (insert, delete, substitute one character, or swap two adjacent ones) that turn {@code a} into {@code b}:
     * the Damerau-Levenshtein distance in its optimal-string-alignment form.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
