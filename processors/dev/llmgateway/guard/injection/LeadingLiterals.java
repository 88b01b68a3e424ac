package dev.llmgateway.guard.injection;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The literal text every match of a regex must contain, read from the regex itself: the literal start of each of its
 * alternatives (descending into a leading group), or else, for a regex without alternatives at its top level, its
 * longest literal outside any group (the colon of {@code (?:^|\n)\s*human\s*:}). A rule whose text contains none of
 * them cannot match, so the detector skips it without running the regex; where they are the starts of the alternatives,
 * it tries the regex only where one of them starts. Running a regex at every character is most of the detector's cost
 * on long prompts.
 * Conservative: a regex it cannot read either way (inline flags, quoting) gives no literals, and the rule always runs.
 */
final class LeadingLiterals {

    private static final String QUANTIFIERS = "?*+{";
    private static final Pattern INLINE_FLAGS = Pattern.compile("(?<!\\\\)\\(\\?[a-zA-Z-]");
    private static final String METACHARACTERS = "()[]{}|?*+.^$\\";

    /**
     * @param literals      one of them is in every text the regex finds a match in; empty when none could be read
     * @param startMatches  whether every match starts with one of them (they are the starts of the alternatives)
     */
    record Leads(List<String> literals, boolean startMatches) {
    }

    private LeadingLiterals() {
    }

    static Leads of(String regex) {
        List<String> literals = new ArrayList<>();
        return alternatives(regex, 0, regex.length(), literals) ? new Leads(List.copyOf(literals), true)
                : new Leads(mandatoryLiteral(regex), false);
    }

    /** @return the longest literal outside groups, classes and quantified units; none when the top level alternates */
    private static List<String> mandatoryLiteral(String regex) {
        if (regex.contains("\\Q") || INLINE_FLAGS.matcher(regex).find()) {
            return List.of();
        }
        String longest = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= regex.length(); ) {
            int next = i == regex.length() ? i + 1 : skipUnit(regex, i);
            if (i < regex.length() && regex.charAt(i) == '|') {
                return List.of();
            }
            if (i < regex.length() && literal(regex, i) && !quantified(regex, next)) {
                run.append(regex.charAt(next - 1));
            } else {
                longest = run.length() > longest.length() ? run.toString() : longest;
                run.setLength(0);
                if (i < regex.length() && regex.charAt(i) == '{') {
                    next = regex.indexOf('}', i) + 1;
                }
            }
            i = next;
        }
        return longest.isEmpty() ? List.of() : List.of(longest);
    }

    /** @return whether the unit at i stands for itself: a plain character or an escaped punctuation mark */
    private static boolean literal(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '\\') {
            return i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1));
        }
        return METACHARACTERS.indexOf(c) < 0;
    }

    private static boolean alternatives(String regex, int from, int to, List<String> literals) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || regex.charAt(i) == '|') {
                if (!alternative(regex, start, i, literals)) {
                    return false;
                }
                start = i + 1;
            } else {
                i = skipUnit(regex, i) - 1;
            }
        }
        return true;
    }

    private static boolean alternative(String regex, int from, int to, List<String> literals) {
        int i = from;
        while (regex.startsWith("\\b", i)) {
            i += 2;
        }
        if (regex.startsWith("(?:", i)) {
            int end = skipUnit(regex, i);
            return end <= to && !quantified(regex, end) && alternatives(regex, i + 3, end - 1, literals);
        }
        StringBuilder literal = new StringBuilder();
        while (i < to) {
            char c = regex.charAt(i);
            int width = 1;
            if (c == '\\') {
                char escaped = i + 1 < to ? regex.charAt(i + 1) : 'x';
                if (Character.isLetterOrDigit(escaped)) {
                    break;
                }
                c = escaped;
                width = 2;
            } else if (METACHARACTERS.indexOf(c) >= 0) {
                break;
            }
            if (quantified(regex, i + width)) {
                break;
            }
            literal.append(c);
            i += width;
        }
        if (literal.isEmpty()) {
            return false;
        }
        literals.add(literal.toString());
        return true;
    }

    private static boolean quantified(String regex, int index) {
        return index < regex.length() && QUANTIFIERS.indexOf(regex.charAt(index)) >= 0;
    }

    /** @return the index after the unit starting at i: an escape, a class, a group (with what it holds) or a char */
    private static int skipUnit(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '\\') {
            return i + 2;
        }
        if (c == '[') {
            int j = i + 1;
            if (j < regex.length() && regex.charAt(j) == '^') {
                j++;
            }
            if (j < regex.length() && regex.charAt(j) == ']') {
                j++;
            }
            while (regex.charAt(j) != ']') {
                j += regex.charAt(j) == '\\' ? 2 : 1;
            }
            return j + 1;
        }
        if (c == '(') {
            int j = i + 1;
            while (regex.charAt(j) != ')') {
                j = skipUnit(regex, j);
            }
            return j + 1;
        }
        return i + 1;
    }
}
