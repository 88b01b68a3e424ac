package dev.llmgateway.guard.injection;

import dev.llmgateway.guard.text.CombiningMarks;
import dev.llmgateway.guard.text.InspectionBudget;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/**
 * Normalizes text for matching and counts the Unicode tricks used to hide words from matchers: invisible
 * format characters, bidi overrides, control characters, Latin words spelled with Cyrillic or Greek lookalikes,
 * and Unicode tag characters that smuggle ASCII past the eye. Every pass is a single loop over the text, charged to
 * the request's {@link InspectionBudget}.
 */
final class UnicodeInspector {

    /** Cyrillic and Greek letters that render like Latin ones. NFKC already folds fullwidth and mathematical letters. */
    private static final Map<Character, Character> HOMOGLYPHS = homoglyphs();
    /** Fewest letters a spaced-out word ("i g n o r e") must have to be joined. */
    private static final int SPACED_LETTERS_MIN = 4;

    private UnicodeInspector() {
    }

    /**
     * @param lower          NFKC, invisible and control characters removed, lower case, spaces collapsed, newlines kept
     * @param folded         lower with Cyrillic and Greek lookalikes turned into the Latin letters they imitate
     * @param invisible      format characters between letters (zero-width spaces, joiners, soft hyphens)
     * @param bidiControls   bidirectional embedding, override and isolate characters
     * @param controls       C0 and C1 control characters other than tab and line breaks
     * @param mixedScriptWords words mixing Latin letters with Cyrillic or Greek lookalikes
     * @param smuggled       ASCII hidden in Unicode tag characters, empty when none
     */
    record Inspection(String lower, String folded, int invisible, int bidiControls, int controls, int mixedScriptWords,
                      String smuggled) {
    }

    static Inspection inspect(String text, InspectionBudget budget) {
        budget.charge(4L * text.length());
        if (isPlainAscii(text)) {
            // most prompts: nothing to remove, NFKC and the lookalike fold change nothing, no word mixes scripts,
            // and in ASCII only a tab or a run of spaces is horizontal space that collapsing would change
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.indexOf('\t') >= 0 || lower.contains("  ")) {
                lower = collapseHorizontalSpace(lower);
            }
            return new Inspection(lower, lower, 0, 0, 0, 0, "");
        }
        int invisible = 0;
        int bidi = 0;
        int controls = 0;
        StringBuilder smuggled = new StringBuilder();
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp >= 0xE0000 && cp <= 0xE007F) {
                if (cp >= 0xE0020 && cp <= 0xE007E) {
                    smuggled.append((char) (cp - 0xE0000));
                }
            } else if (isBidiControl(cp)) {
                bidi++;
            } else if (Character.getType(cp) == Character.FORMAT) {
                if (isBetweenLetters(text, i, next)) {
                    invisible++;
                }
            } else if (Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t') {
                controls++;
            } else {
                kept.appendCodePoint(cp);
            }
            i = next;
        }
        String lower = collapseHorizontalSpace(nfkc(kept).toLowerCase(Locale.ROOT));
        return new Inspection(lower, fold(lower), invisible, bidi, controls, countMixedScriptWords(lower),
                smuggled.toString());
    }

    /** @return the text with spaced-out letters ("i g n o r e") joined and leetspeak words ("1gn0r3") spelled out */
    static String deobfuscate(String folded, InspectionBudget budget) {
        budget.charge(3L * folded.length());
        String joined = mayHaveSpacedLetters(folded) ? joinSpacedLetters(folded) : folded;
        if (joined.chars().noneMatch(UnicodeInspector::isLeetCharacter)) {
            return joined;
        }
        return replaceRuns(joined, UnicodeInspector::isLeetWordCharacter,
                word -> word.chars().anyMatch(UnicodeInspector::isLeetCharacter) ? unleet(word) : word);
    }

    /**
     * Joins each run of at least {@value #SPACED_LETTERS_MIN} single letters kept apart by one or two separators
     * ("i g n o r e", "s.y.s.t.e.m"), in one pass. A run's first letter must not follow a letter or digit and its last
     * must not precede one; where they do, the run starts or ends one letter further in.
     */
    static String joinSpacedLetters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!Character.isLetter(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            // a chain of letters each followed by one or two separators and then the next letter
            int[] letters = new int[16];
            int count = 0;
            int at = i;
            int end;
            while (true) {
                if (count == letters.length) {
                    letters = java.util.Arrays.copyOf(letters, count * 2);
                }
                letters[count++] = at;
                int after = at + Character.charCount(text.codePointAt(at));
                int separators = 0;
                while (separators < 2 && after + separators < text.length() && isSpacer(text.charAt(after + separators))) {
                    separators++;
                }
                int next = after + separators;
                if (separators == 0 || next >= text.length() || !Character.isLetter(text.codePointAt(next))) {
                    end = after;
                    break;
                }
                at = next;
            }
            int first = 0;
            int last = count - 1;
            if (letters[0] > 0 && Character.isLetterOrDigit(text.codePointBefore(letters[0]))) {
                first++;
            }
            int afterLast = letters[last] + Character.charCount(text.codePointAt(letters[last]));
            if (afterLast < text.length() && Character.isLetterOrDigit(text.codePointAt(afterLast))) {
                last--;
            }
            if (last - first + 1 >= SPACED_LETTERS_MIN) {
                out.append(text, copied, letters[first]);
                for (int k = first; k <= last; k++) {
                    out.appendCodePoint(text.codePointAt(letters[k]));
                }
                copied = letters[last] + Character.charCount(text.codePointAt(letters[last]));
            }
            i = Math.max(end, i + Character.charCount(cp));
        }
        return copied == 0 ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * A quick scan that rules out spaced-out letters on most prose: any
     * spaced-out word has a letter with a separator on both sides followed, after one or two separators, by another
     * letter with a separator after it ("g n o" of "i g n o r e"). Texts with supplementary characters are not scanned.
     */
    static boolean mayHaveSpacedLetters(String text) {
        int n = text.length();
        for (int i = 1; i + 3 < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                return true;
            }
            if (Character.isLetter(c) && isSpacer(text.charAt(i - 1)) && isSpacer(text.charAt(i + 1))) {
                int next = isSpacer(text.charAt(i + 2)) ? i + 3 : i + 2;
                if (next + 1 < n && Character.isLetter(text.charAt(next)) && isSpacer(text.charAt(next + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSpacer(char c) {
        return " .-_*|/".indexOf(c) >= 0;
    }

    /** @return the text a model should see: NFKC, no invisible, bidi, control or tag characters, lookalikes folded in mixed-script words */
    static String clean(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints()
                .filter(cp -> !(cp >= 0xE0000 && cp <= 0xE007F) && !isBidiControl(cp)
                        && Character.getType(cp) != Character.FORMAT
                        && (Character.getType(cp) != Character.CONTROL || cp == '\n' || cp == '\r' || cp == '\t'))
                .forEach(kept::appendCodePoint);
        String nfkc = nfkc(kept);
        return replaceRuns(nfkc, c -> !Character.isWhitespace(c), word -> isMixedScript(word) ? fold(word) : word);
    }

    /** NFKC of the text with its over-long runs of combining marks cut ({@link CombiningMarks}). */
    private static String nfkc(CharSequence text) {
        return Normalizer.normalize(CombiningMarks.cutLongRuns(text), Normalizer.Form.NFKC);
    }

    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(HOMOGLYPHS.getOrDefault(c, c));
        }
        return out.toString();
    }

    private static String unleet(String word) {
        if (word.chars().noneMatch(Character::isLetter)) {
            return word;
        }
        StringBuilder out = new StringBuilder(word.length());
        for (char c : word.toCharArray()) {
            out.append(switch (c) {
                case '0' -> 'o';
                case '1', '!', '|' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return out.toString();
    }

    private static int countMixedScriptWords(String text) {
        int[] count = {0};
        replaceRuns(text, Character::isLetter, word -> {
            if (isMixedScript(word)) {
                count[0]++;
            }
            return word;
        });
        return count[0];
    }

    /** @return the text with each maximal run of characters that pass {@code member} replaced as {@code replace} says */
    private static String replaceRuns(String text, IntPredicate member, UnaryOperator<String> replace) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && member.test(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                out.append(replace.apply(text.substring(start, i)));
            } else {
                out.appendCodePoint(text.codePointAt(i));
                i += Character.charCount(text.codePointAt(i));
            }
        }
        return out.toString();
    }

    /** @return the text with each run of horizontal space (space separators and tabs) made one space */
    private static String collapseHorizontalSpace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == '\t' || Character.getType(c) == Character.SPACE_SEPARATOR;
            if (!space) {
                out.append(c);
            } else if (!inSpace) {
                out.append(' ');
            }
            inSpace = space;
        }
        return out.toString();
    }

    private static boolean isLeetCharacter(int c) {
        return (c >= '0' && c <= '9') || c == '@' || c == '$' || c == '|' || c == '!';
    }

    private static boolean isLeetWordCharacter(int c) {
        return Character.isLetter(c) || isLeetCharacter(c);
    }

    private static boolean isMixedScript(String word) {
        boolean latin = false;
        boolean lookalike = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 0x250 && Character.isLetter(c)) {
                latin = true;
            } else if (HOMOGLYPHS.containsKey(c)) {
                lookalike = true;
            }
        }
        return latin && lookalike;
    }

    /** @return whether the text is printable ASCII, tabs and line breaks only */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 || c > 0x7E) && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isBetweenLetters(String text, int start, int end) {
        return start > 0 && end < text.length()
                && Character.isLetter(text.codePointBefore(start)) && Character.isLetter(text.codePointAt(end));
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static Map<Character, Character> homoglyphs() {
        String lookalikes = "аеорсухіјѕһԁԛԝɡαοειкνρτυχАВЕКМНОРСТХІЈЅҮΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
        String latin = "aeopcyxijshdqwgaoeikvptuxABEKMHOPCTXIJSYABEZHIKMNOPTYX";
        Map<Character, Character> map = new java.util.HashMap<>();
        for (int i = 0; i < lookalikes.length(); i++) {
            map.put(lookalikes.charAt(i), latin.charAt(i));
        }
        return Map.copyOf(map);
    }
}
