package dev.llmgateway.guard.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Payment card numbers: 13 to 19 digits, optionally grouped by spaces or dashes, with a known issuer prefix and a valid Luhn digit. */
final class PaymentCardDetector implements PiiDetector {

    /** Not preceded by "+" (an international phone number) nor part of a longer run of digit groups. */
    private static final Pattern CANDIDATE = Pattern.compile("(?<!\\d[ -]?)(?<![.,+])\\d(?:[ -]?\\d){12,18}(?![ -]?\\d|[.,]\\d)");
    /** How card numbers are printed: in one piece, in fours, or 4-6-5 (Amex) and 4-6-4 (Diners). */
    private static final Pattern GROUPING = Pattern.compile("\\d+|\\d{4}(?:[ -]\\d{4}){2,3}(?:[ -]\\d{1,4})?|\\d{4}[ -]\\d{6}[ -]\\d{4,5}");
    private static final Pattern ISSUER = Pattern.compile(
            "4\\d*|5[1-5]\\d*|2(?:22[1-9]|2[3-9]\\d|[3-6]\\d\\d|7[01]\\d|720)\\d*|3[47]\\d*|3(?:0[0-5]|[68]\\d)\\d*|"
                    + "6(?:011|5\\d\\d|4[4-9]\\d)\\d*|35(?:2[89]|[3-8]\\d)\\d*|62\\d*|(?:50|5[6-9]|6\\d)\\d*");

    @Override
    public List<PiiMatch> find(String text) {
        List<PiiMatch> matches = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            if (!GROUPING.matcher(matcher.group()).matches()) {
                continue;
            }
            String digits = matcher.group().replaceAll("[ -]", "");
            if (digits.length() >= 13 && digits.length() <= 19 && ISSUER.matcher(digits).matches() && Checksums.luhn(digits)) {
                matches.add(new PiiMatch(PiiType.CARD, matcher.start(), matcher.end()));
            }
        }
        return matches;
    }
}
