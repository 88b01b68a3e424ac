package dev.llmgateway.guard.pii;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds values an RE2/J expression describes (linear time, no recursion, whatever the text) and keeps those a check
 * accepts. RE2/J has no lookarounds, so a pattern that needs one spells it as characters it consumes: a lookbehind as
 * a prefix before the group {@code m} (the match proper), a lookahead as a suffix after it. The search goes on from
 * the end of {@code m}, backed up by the longest prefix, so the next match may use the characters of this one as its
 * context, as a lookbehind could. The value reported is the group {@code v} when the pattern has one, else {@code m}.
 * <p>
 * RE2/J is linear per search; a loop of searches is linear too only if a search does not read far past the match it
 * returns (a higher-priority alternative begun earlier and still alive) for the next search to read again. The PII
 * patterns have no such alternative: their unbounded parts either end the match or die at the same character as the
 * match, which PiiLinearityTest measures over every adversarial class.
 */
final class RegexDetector implements PiiDetector {

    /** The group holding what the original pattern matched, without the context spelled as prefix and suffix. */
    static final String MATCH = "m";
    /** The group holding the value, when it is only part of the match. */
    static final String VALUE = "v";
    /** What RE2/J reads of a text it searches: each character as it steps, and again as the context of the next. */
    static final long READS_PER_CHARACTER = 3;

    /** A condition on the characters before a match that RE2/J cannot state, checked where the match starts. */
    @FunctionalInterface
    interface StartCheck {
        boolean allows(CharSequence text, int start);
    }

    /** A condition on the value found, e.g. a checksum or its entropy. */
    @FunctionalInterface
    interface ValueCheck {
        boolean accepts(String value, InspectionBudget budget);
    }

    private final PiiType type;
    private final Pattern pattern;
    private final int prefixLength;
    private final StartCheck startCheck;
    private final ValueCheck check;
    private final boolean hasValueGroup;
    private final Predicate<String> mayMatch;

    /**
     * @param pattern      an RE2/J pattern with a group {@code m}, and optionally {@code v}
     * @param prefixLength the most characters the pattern consumes before {@code m}
     * @param startCheck   what must also hold where {@code m} starts; when it fails, the search goes on one character
     *                     later, as a regex engine moves on after a failed lookbehind. It only narrows an ASCII prefix
     *                     (a letter of another script before a key), and no match of the patterns it is used with holds
     *                     another start it would reject (keys are ASCII; a URL's user part cannot hold another "://"),
     *                     so a rejected match is read at most twice.
     * @param check        what the value must satisfy; when it fails, the search goes on after the match
     */
    RegexDetector(PiiType type, Pattern pattern, int prefixLength, StartCheck startCheck, ValueCheck check) {
        this(type, pattern, prefixLength, startCheck, check, null);
    }

    private RegexDetector(PiiType type, Pattern pattern, int prefixLength, StartCheck startCheck, ValueCheck check,
                          Predicate<String> mayMatch) {
        this.type = type;
        this.pattern = pattern;
        this.prefixLength = prefixLength;
        this.startCheck = startCheck;
        this.check = check;
        this.hasValueGroup = pattern.namedGroups().containsKey(VALUE);
        this.mayMatch = mayMatch;
        if (!pattern.namedGroups().containsKey(MATCH)) {
            throw new IllegalArgumentException("the pattern needs a group named m: " + pattern.pattern());
        }
    }

    RegexDetector(PiiType type, String regex, int prefixLength) {
        this(type, Pattern.compile(regex), prefixLength, null, (value, budget) -> true);
    }

    /**
     * @param mayMatch what every text with a match satisfies, e.g. holding a literal each match has, checked at a few
     *                 nanoseconds a character (String.indexOf) before the pattern is run at some tens. A text that
     *                 fails it is still charged what the pattern would have read ({@value #READS_PER_CHARACTER} a
     *                 character), so what a text costs does not depend on whether a literal happens to occur in it.
     * @return this detector, run only on texts that satisfy it
     */
    RegexDetector onlyIf(Predicate<String> mayMatch) {
        return new RegexDetector(type, pattern, prefixLength, startCheck, check, mayMatch);
    }

    @Override
    public List<PiiMatch> find(String text, InspectionBudget budget) {
        if (mayMatch != null) {
            budget.charge(text.length());
            if (!mayMatch.test(text)) {
                budget.charge(READS_PER_CHARACTER * text.length());
                return List.of();
            }
        }
        List<PiiMatch> matches = new ArrayList<>();
        CharSequence metered = budget.meter(text);
        Matcher matcher = pattern.matcher(metered);
        int from = 0;
        int earliest = 0;
        while (from <= text.length() && matcher.find(from)) {
            int start = matcher.start(MATCH);
            int end = matcher.end(MATCH);
            if (start < earliest) {
                // The prefix reached back into the previous match; look again one character on.
                from = matcher.start() + 1;
                continue;
            }
            if (startCheck != null && !startCheck.allows(metered, start)) {
                earliest = start + 1;
                from = Math.max(0, earliest - prefixLength);
                continue;
            }
            String group = hasValueGroup ? VALUE : MATCH;
            if (check.accepts(matcher.group(group), budget)) {
                matches.add(new PiiMatch(type, matcher.start(group), matcher.end(group)));
            }
            earliest = end;
            from = Math.max(0, end - prefixLength);
        }
        return matches;
    }

    /**
     * Whether Java 17's {@code \b} sees a non-word character before {@code index}, as it did before these patterns
     * moved to RE2/J (whose {@code \b} is ASCII): letters and digits of any script and the underscore are word
     * characters, and so is a non-spacing mark that follows one (through any run of marks).
     */
    static boolean nonWordBefore(CharSequence text, int index) {
        if (index == 0) {
            return true;
        }
        int before = Character.codePointBefore(text, index);
        if (before == '_' || Character.isLetterOrDigit(before)) {
            return false;
        }
        return !(Character.getType(before) == Character.NON_SPACING_MARK && hasBaseCharacter(text, index - 1));
    }

    /** java.util.regex.Pattern.hasBaseCharacter: walks back over non-spacing marks to a letter or digit. */
    private static boolean hasBaseCharacter(CharSequence text, int index) {
        for (int x = index; x >= 0; x--) {
            int ch = Character.codePointAt(text, x);
            if (Character.isLetterOrDigit(ch)) {
                return true;
            }
            if (Character.getType(ch) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }
}
