package dev.llmgateway.guard.injection;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes text for matching and counts the Unicode tricks used to hide words from matchers: invisible
 * format characters, bidi overrides, control characters, Latin words spelled with Cyrillic or Greek lookalikes,
 * and Unicode tag characters that smuggle ASCII past the eye.
 */
final class UnicodeInspector {

    /** Cyrillic and Greek letters that render like Latin ones. NFKC already folds fullwidth and mathematical letters. */
    private static final Map<Character, Character> HOMOGLYPHS = homoglyphs();
    static final Pattern SPACED_LETTERS = Pattern.compile("(?<![\\p{L}\\p{N}])(?:\\p{L}[ .\\-_*|/]{1,2}){3,}\\p{L}(?![\\p{L}\\p{N}])");
    private static final Pattern SPACED_SEPARATORS = Pattern.compile("[ .\\-_*|/]");
    // A word is matched whole and possessively, then checked for leet characters: a pattern that looks for the
    // leet character itself backtracks over every start of a long word and takes quadratic time.
    private static final Pattern LEET_CANDIDATE = Pattern.compile("[\\p{L}0-9@$|!]++");
    private static final Pattern LEET_CHARACTER = Pattern.compile("[0-9@$|!]");
    private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\p{Zs}\\t]+");

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

    static Inspection inspect(String text) {
        if (isPlainAscii(text)) {
            // most prompts: nothing to remove, NFKC and the lookalike fold change nothing, no word mixes scripts,
            // and in ASCII only a tab or a run of spaces is horizontal space that collapsing would change
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.indexOf('\t') >= 0 || lower.contains("  ")) {
                lower = HORIZONTAL_SPACE.matcher(lower).replaceAll(" ");
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
        String lower = HORIZONTAL_SPACE.matcher(Normalizer.normalize(kept, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT))
                .replaceAll(" ");
        return new Inspection(lower, fold(lower), invisible, bidi, controls, countMixedScriptWords(lower),
                smuggled.toString());
    }

    /** @return the text with spaced-out letters ("i g n o r e") joined and leetspeak words ("1gn0r3") spelled out */
    static String deobfuscate(String folded) {
        String joined = mayHaveSpacedLetters(folded)
                ? SPACED_LETTERS.matcher(folded).replaceAll(m -> Matcher.quoteReplacement(SPACED_SEPARATORS.matcher(m.group()).replaceAll("")))
                : folded;
        if (!LEET_CHARACTER.matcher(joined).find()) {
            return joined;
        }
        return LEET_CANDIDATE.matcher(joined).replaceAll(m -> Matcher.quoteReplacement(
                LEET_CHARACTER.matcher(m.group()).find() ? unleet(m.group()) : m.group()));
    }

    /**
     * A quick scan that rules out {@link #SPACED_LETTERS} on most prose, which the regex would try at every letter: any
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
        String nfkc = Normalizer.normalize(kept, Normalizer.Form.NFKC);
        return Pattern.compile("\\S+").matcher(nfkc)
                .replaceAll(m -> Matcher.quoteReplacement(isMixedScript(m.group()) ? fold(m.group()) : m.group()));
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
        int count = 0;
        for (String word : text.split("[^\\p{L}]+")) {
            if (isMixedScript(word)) {
                count++;
            }
        }
        return count;
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
