package dev.llmgateway.guard.pii;

import com.google.re2j.Pattern;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The detector for each {@link PiiType}. The patterns are RE2/J (linear time, no recursion) and mean what their
 * java.util.regex originals meant: {@code \s} is spelled out (RE2/J's lacks the vertical tab), case-insensitive words
 * are spelled with ASCII case classes (RE2/J's (?i) also folds the long s and the Kelvin sign), a lookbehind is a
 * consumed prefix (see {@link RegexDetector}), a lookahead a consumed suffix or an alternation of what it allowed, and
 * Java 17's Unicode {@code \b} before a word is an ASCII prefix plus {@link RegexDetector#nonWordBefore}.
 */
final class StandardDetectors {

    /** java.util.regex's {@code \s}. */
    static final String SPACE = "[\\t\\n\\x0B\\f\\r ]";
    /** Java's {@code \b} before a word character, as far as RE2/J can say it; {@link RegexDetector#nonWordBefore} says the rest. */
    private static final String WORD_START = "(?:^|[^A-Za-z0-9_])";
    /** {@code (?!000|666|9\d\d)\d{3}}, {@code (?!00)\d{2}} and {@code (?!0000)\d{4}}: the parts of a possible SSN. */
    private static final String SSN_AREA = "(?:00[1-9]|0[1-9][0-9]|[1-578][0-9][0-9]|6[0-57-9][0-9]|66[0-57-9])";
    private static final String SSN_GROUP = "(?:0[1-9]|[1-9][0-9])";
    private static final String SSN_SERIAL = "(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9][0-9]|[1-9][0-9][0-9][0-9])";
    /** Between the parts of an SSN after its key word: nothing, a space, a dot or a hyphen. */
    private static final String SSN_SEPARATOR = "(?:" + SPACE + "|[.\\-])?";
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

    private static final String KEY_WORDS = "(?:" + caseless("api") + "[_\\- ]?" + caseless("key") + "|" + caseless("apikey")
            + "|" + caseless("x-api-key") + "|" + caseless("api") + "[_\\- ]?" + caseless("secret") + "|" + caseless("secret")
            + "[_\\- ]?" + caseless("key") + "|" + caseless("client") + "[_\\- ]?" + caseless("secret") + "|" + caseless("secret")
            + "|" + caseless("access") + "[_\\- ]?" + caseless("token") + "|" + caseless("auth") + "[_\\- ]?" + caseless("token")
            + "|" + caseless("refresh") + "[_\\- ]?" + caseless("token") + "|" + caseless("token") + "|" + caseless("private")
            + "[_\\- ]?" + caseless("key") + "|" + caseless("passw") + "(?:" + caseless("or") + ")?" + caseless("d") + "|"
            + caseless("pwd") + "|" + caseless("credential") + "[sS]?)";

    private StandardDetectors() {
    }

    static Map<PiiType, PiiDetector> create(List<String> phoneRegions) {
        Map<PiiType, PiiDetector> detectors = new EnumMap<>(PiiType.class);
        detectors.put(PiiType.URL_CREDENTIALS, new RegexDetector(PiiType.URL_CREDENTIALS, Pattern.compile(WORD_START
                + "(?P<m>[A-Za-z][A-Za-z0-9+.\\-]{1,20}://(?P<v>[^\\t\\n\\x0B\\f\\r :/@?#]+:[^\\t\\n\\x0B\\f\\r /@?#]+)@)"),
                1, RegexDetector::nonWordBefore, (value, budget) -> true).onlyIf(text -> text.contains("://")));
        detectors.put(PiiType.JWT, new RegexDetector(PiiType.JWT, Pattern.compile(WORD_START
                + "(?P<m>eyJ[A-Za-z0-9_\\-]{8,}\\.eyJ[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{16,})"),
                1, RegexDetector::nonWordBefore, (value, budget) -> true).onlyIf(text -> text.contains("eyJ")));
        detectors.put(PiiType.AWS_ACCESS_KEY, new RegexDetector(PiiType.AWS_ACCESS_KEY, "(?:^|[^A-Z0-9])"
                + "(?P<m>(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16})(?:$|[^A-Z0-9])", 1));
        // Not after [A-Za-z0-9/+_-] nor after an alphanumeric and a dot; not before [A-Za-z0-9/+=_-] nor a dot and an alphanumeric.
        detectors.put(PiiType.AWS_SECRET_KEY, new RegexDetector(PiiType.AWS_SECRET_KEY, Pattern.compile(
                "(?:^|^\\.|[^A-Za-z0-9/+_.\\-]|[^A-Za-z0-9]\\.)(?P<m>[A-Za-z0-9/+]{40})"
                        + "(?:$|[^A-Za-z0-9/+=_.\\-]|\\.(?:$|[^A-Za-z0-9]))"),
                2, null, StandardDetectors::looksLikeAwsSecret));
        detectors.put(PiiType.API_KEY, new PatternUnion(
                new RegexDetector(PiiType.API_KEY, Pattern.compile(WORD_START
                        + "(?P<m>sk-(?:proj-|ant-(?:api[0-9][0-9]-)?)?[A-Za-z0-9_\\-]{20,}|gh[pousr]_[A-Za-z0-9]{36,}|"
                        + "github_pat_[A-Za-z0-9_]{40,}|xox[abprs]-[A-Za-z0-9\\-]{10,}|AIza[0-9A-Za-z_\\-]{35}|"
                        + "(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}|glpat-[A-Za-z0-9_\\-]{20,}|hf_[A-Za-z0-9]{30,}|"
                        + "npm_[A-Za-z0-9]{36})"),
                        1, RegexDetector::nonWordBefore, (value, budget) -> true)
                        .onlyIf(text -> containsAny(text, "sk-", "gh", "xox", "AIza", "_live_", "_test_", "glpat-", "hf_", "npm_")),
                new RegexDetector(PiiType.API_KEY, Pattern.compile("(?P<m>" + KEY_WORDS + "[\"']?" + SPACE + "*(?:[:=]|=>|\\b"
                        + caseless("is") + "\\b:?)" + SPACE + "*[\"']?(?P<v>[A-Za-z0-9_\\-./+=~]{8,}))"),
                        0, null, StandardDetectors::looksLikeIntroducedSecret)
                        .onlyIf(text -> containsAny(lower(text), "key", "secret", "token", "passw", "pwd", "credential"))));
        detectors.put(PiiType.BEARER_TOKEN, new RegexDetector(PiiType.BEARER_TOKEN, Pattern.compile(WORD_START + "(?P<m>(?:"
                        + caseless("bearer") + "|" + caseless("token") + ")" + SPACE + "+(?P<v>[A-Za-z0-9\\-._~+/]{16,}=*))"),
                1, RegexDetector::nonWordBefore, StandardDetectors::looksRandom)
                .onlyIf(text -> containsAny(lower(text), "bearer", "token")));
        detectors.put(PiiType.EMAIL, new RegexDetector(PiiType.EMAIL, "(?:^|[^A-Za-z0-9_.%+\\-])"
                + "(?P<m>[A-Za-z0-9][A-Za-z0-9._%+\\-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24})"
                + "(?:$|[^A-Za-z0-9_\\-])", 1).onlyIf(text -> text.indexOf('@') >= 0));
        detectors.put(PiiType.IBAN, new IbanDetector());
        detectors.put(PiiType.CARD, new PaymentCardDetector());
        detectors.put(PiiType.SSN, new PatternUnion(
                // Hyphens, spaces or dots between the parts; not inside a longer run of digit groups.
                new RegexDetector(PiiType.SSN, "(?:^|^[ .]|[^0-9\\-. ]|[^0-9\\-][ .])(?P<m>" + SSN_AREA + "-" + SSN_GROUP
                        + "-" + SSN_SERIAL + "|" + SSN_AREA + " " + SSN_GROUP + " " + SSN_SERIAL + "|" + SSN_AREA + "\\."
                        + SSN_GROUP + "\\." + SSN_SERIAL + ")(?:$|[^0-9\\-. ]|[. ](?:$|[^0-9]))", 2)
                        .onlyIf(StandardDetectors::hasSsnShape),
                new RegexDetector(PiiType.SSN, Pattern.compile(WORD_START + "(?P<m>(?:" + caseless("ssn") + "|"
                        + caseless("social security") + "(?: " + caseless("number") + "| " + caseless("no") + "\\.?)?)"
                        + "[^A-Za-z0-9_]{0,3}(?:" + caseless("is") + SPACE + "+)?(?P<v>" + SSN_AREA + SSN_SEPARATOR
                        + SSN_GROUP + SSN_SEPARATOR + SSN_SERIAL + "))(?:$|[^0-9])"),
                        1, RegexDetector::nonWordBefore, (value, budget) -> true)
                        .onlyIf(text -> containsAny(lower(text), "ssn", "social security"))));
        detectors.put(PiiType.IPV6, new Ipv6Detector());
        detectors.put(PiiType.IPV4, new RegexDetector(PiiType.IPV4, "(?:^|[^A-Za-z0-9_.])(?P<m>(?:" + OCTET + "\\.){3}"
                + OCTET + ")(?:$|[^A-Za-z0-9_.]|\\.(?:$|[^0-9]))", 1).onlyIf(text -> text.indexOf('.') >= 0));
        detectors.put(PiiType.PHONE, new PhoneNumberDetector(phoneRegions));
        return detectors;
    }

    /** Whether 3 digits, a hyphen, space or dot, 2 digits, the same separator and 4 digits stand somewhere. */
    private static boolean hasSsnShape(String text) {
        for (int i = 3; i + 7 < text.length(); i++) {
            char separator = text.charAt(i);
            if ((separator == '-' || separator == ' ' || separator == '.') && text.charAt(i + 3) == separator
                    && digits(text, i - 3, 3) && digits(text, i + 1, 2) && digits(text, i + 4, 4)) {
                return true;
            }
        }
        return false;
    }

    private static boolean digits(String text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAny(String text, String... literals) {
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case for a presence check: every ASCII letter lowered (other letters may gain or lose characters). */
    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** @return the word as an RE2/J pattern matching it in any ASCII case, as java.util.regex's (?i) did */
    static String caseless(String word) {
        StringBuilder pattern = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                pattern.append('[').append(c).append(Character.toUpperCase(c)).append(']');
            } else if (Character.isLetterOrDigit(c) || c == ' ' || c == '_') {
                pattern.append(c);
            } else {
                pattern.append('\\').append(c);
            }
        }
        return pattern.toString();
    }

    /** A 40-character AWS secret is base64-like: mixed case and digits, high entropy, and not a hex digest. */
    private static boolean looksLikeAwsSecret(String value, InspectionBudget budget) {
        budget.charge(2L * value.length());
        return !isHex(value) && classes(value) == 3 && Checksums.entropy(value) >= 4.0;
    }

    /** A value after a key-like word is a secret when it mixes character classes and is not a word or a placeholder. */
    private static boolean looksRandom(String value, InspectionBudget budget) {
        budget.charge(3L * value.length());
        return classes(value) >= 2 && Checksums.entropy(value) >= 3.0 && !isWords(value);
    }

    /**
     * A value a key word introduces ("my token is ...", "password: ...") is a secret unless it is words: mixed character
     * classes (shorter values need less entropy, as few characters cannot have much), or one class but long and random.
     */
    private static boolean looksLikeIntroducedSecret(String value, InspectionBudget budget) {
        budget.charge(3L * value.length());
        if (isWords(value)) {
            return false;
        }
        double entropy = Checksums.entropy(value);
        if (classes(value) >= 2) {
            return entropy >= (value.length() < 12 ? 2.5 : 3.0);
        }
        return value.length() >= 16 && entropy >= 3.0;
    }

    /** @return how many of upper case, lower case and digits the value has */
    private static int classes(String value) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            int c = value.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
            digit |= Character.isDigit(c);
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0);
    }

    /** {@code [0-9a-fA-F]+} */
    private static boolean isHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** {@code (?i)[a-z]+(?:[_-][a-z]+)*}: ASCII words joined by single underscores or hyphens. */
    private static boolean isWords(String value) {
        boolean afterLetter = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                afterLetter = true;
            } else if ((c == '_' || c == '-') && afterLetter) {
                afterLetter = false;
            } else {
                return false;
            }
        }
        return afterLetter;
    }

    /** Several detectors for one type. */
    private record PatternUnion(PiiDetector first, PiiDetector second) implements PiiDetector {
        @Override
        public List<PiiMatch> find(String text, InspectionBudget budget) {
            List<PiiMatch> matches = new ArrayList<>(first.find(text, budget));
            matches.addAll(second.find(text, budget));
            return matches;
        }
    }
}
