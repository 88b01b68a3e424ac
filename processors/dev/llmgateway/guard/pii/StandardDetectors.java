package dev.llmgateway.guard.pii;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The detector for each {@link PiiType}. */
final class StandardDetectors {

    private static final String KEY_WORDS = "(?:api[_-]?key|apikey|x-api-key|api[_-]?secret|secret[_-]?key|client[_-]?secret|secret|"
            + "access[_-]?token|auth[_-]?token|refresh[_-]?token|token|private[_-]?key|passw(?:or)?d|pwd|credentials?)";

    private StandardDetectors() {
    }

    static Map<PiiType, PiiDetector> create(String defaultRegion) {
        Map<PiiType, PiiDetector> detectors = new EnumMap<>(PiiType.class);
        detectors.put(PiiType.URL_CREDENTIALS, new RegexDetector(PiiType.URL_CREDENTIALS,
                Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]{1,20}://([^\\s:/@?#]+:[^\\s/@?#]+)@"), 1, value -> true));
        detectors.put(PiiType.JWT, new RegexDetector(PiiType.JWT,
                "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}"));
        detectors.put(PiiType.AWS_ACCESS_KEY, new RegexDetector(PiiType.AWS_ACCESS_KEY,
                "(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z2-7]{16}(?![A-Z0-9])"));
        detectors.put(PiiType.AWS_SECRET_KEY, new RegexDetector(PiiType.AWS_SECRET_KEY,
                Pattern.compile("(?<![A-Za-z0-9/+_-])(?<![A-Za-z0-9]\\.)([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=_-]|\\.[A-Za-z0-9])"), 1, StandardDetectors::looksLikeAwsSecret));
        detectors.put(PiiType.API_KEY, new PatternUnion(PiiType.API_KEY,
                new RegexDetector(PiiType.API_KEY,
                        "\\b(?:sk-(?:proj-|ant-(?:api\\d\\d-)?)?[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|"
                                + "xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}|glpat-[A-Za-z0-9_-]{20,}|"
                                + "hf_[A-Za-z0-9]{30,}|npm_[A-Za-z0-9]{36})"),
                new RegexDetector(PiiType.API_KEY,
                        Pattern.compile("(?i)" + KEY_WORDS + "[\"']?\\s*(?:[:=]|=>|\\bis\\b)\\s*[\"']?([A-Za-z0-9_\\-./+=~]{12,})"), 1,
                        StandardDetectors::looksRandom)));
        detectors.put(PiiType.BEARER_TOKEN, new RegexDetector(PiiType.BEARER_TOKEN,
                Pattern.compile("(?i)\\b(?:bearer|token)\\s+([A-Za-z0-9\\-._~+/]{16,}=*)"), 1, StandardDetectors::looksRandom));
        detectors.put(PiiType.EMAIL, new RegexDetector(PiiType.EMAIL,
                "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-])"));
        detectors.put(PiiType.IBAN, new IbanDetector());
        detectors.put(PiiType.CARD, new PaymentCardDetector());
        detectors.put(PiiType.SSN, new PatternUnion(PiiType.SSN,
                new RegexDetector(PiiType.SSN, "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])"),
                new RegexDetector(PiiType.SSN, Pattern.compile("(?i)\\b(?:ssn|social security(?: number| no\\.?)?)\\W{0,3}(?:is\\s+)?((?!000|666|9\\d\\d)\\d{3}\\s?(?!00)\\d{2}\\s?(?!0000)\\d{4})(?!\\d)"),
                        1, value -> true)));
        detectors.put(PiiType.IPV6, new Ipv6Detector());
        detectors.put(PiiType.IPV4, new RegexDetector(PiiType.IPV4,
                "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w]|\\.\\d)"));
        detectors.put(PiiType.PHONE, new PhoneNumberDetector(defaultRegion));
        return detectors;
    }

    /** A 40-character AWS secret is base64-like: mixed case and digits, high entropy, and not a hex digest. */
    private static boolean looksLikeAwsSecret(String value) {
        return !value.matches("[0-9a-fA-F]+") && value.chars().anyMatch(Character::isUpperCase)
                && value.chars().anyMatch(Character::isLowerCase) && value.chars().anyMatch(Character::isDigit)
                && Checksums.entropy(value) >= 4.0;
    }

    /** A value after a key-like word is a secret when it mixes character classes and is not a word or a placeholder. */
    private static boolean looksRandom(String value) {
        int classes = (value.chars().anyMatch(Character::isUpperCase) ? 1 : 0) + (value.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                + (value.chars().anyMatch(Character::isDigit) ? 1 : 0);
        return classes >= 2 && Checksums.entropy(value) >= 3.0 && !value.matches("(?i)[a-z]+(?:[_-][a-z]+)*");
    }

    /** Several detectors for one type. */
    private record PatternUnion(PiiType type, PiiDetector first, PiiDetector second) implements PiiDetector {
        @Override
        public java.util.List<PiiMatch> find(String text) {
            java.util.List<PiiMatch> matches = new java.util.ArrayList<>(first.find(text));
            matches.addAll(second.find(text));
            return matches;
        }
    }
}
