package dev.llmgateway.guard.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * The literal text every match of a regex must contain, read from the regex itself: the literal start of each of its
 * alternatives (descending into a leading group). A rule whose text contains none of them cannot match, so the
 * detector skips it without running the regex, which is most of its cost on long prompts. Conservative: a construct
 * it does not understand (an anchor, a class or an optional part at the start of an alternative) gives no literals,
 * and the rule always runs.
 */
final class LeadingLiterals {

    private static final String QUANTIFIERS = "?*+{";
    private static final String METACHARACTERS = "()[]{}|?*+.^$\\";

    private LeadingLiterals() {
    }

    /** @return the literals, one of which is in every text the regex finds a match in; empty when none could be read */
    static List<String> of(String regex) {
        List<String> literals = new ArrayList<>();
        return alternatives(regex, 0, regex.length(), literals) ? List.copyOf(literals) : List.of();
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
