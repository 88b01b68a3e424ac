package dev.llmgateway.guard.pii;

import com.google.re2j.Pattern;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.List;

/** Payment card numbers: 13 to 19 digits, optionally grouped by spaces or dashes, with a known issuer prefix and a valid Luhn digit. */
final class PaymentCardDetector implements PiiDetector {

    /**
     * {@code (?<!\d[ -]?)(?<![.,+])\d(?:[ -]?\d){12,18}(?![ -]?\d|[.,]\d)}: not preceded by "+" (an international phone
     * number) nor part of a longer run of digit groups. The prefix allows the start of the text, one character that is
     * neither a digit nor [.,+ -], or a space or dash not preceded by a digit; the suffix the end of the text, one
     * character that is neither a digit nor [ .,-], or one of those not followed by a digit.
     */
    private static final Pattern CANDIDATE = Pattern.compile("(?:^|^[ \\-]|[^0-9.,+ \\-]|[^0-9][ \\-])"
            + "(?P<m>[0-9](?:[ \\-]?[0-9]){12,18})(?:$|[^0-9 .,\\-]|[ .,\\-](?:$|[^0-9]))");
    /** How card numbers are printed: in one piece, in fours, or 4-6-5 (Amex) and 4-6-4 (Diners). */
    private static final Pattern GROUPING = Pattern.compile(
            "[0-9]+|[0-9]{4}(?:[ \\-][0-9]{4}){2,3}(?:[ \\-][0-9]{1,4})?|[0-9]{4}[ \\-][0-9]{6}[ \\-][0-9]{4,5}");
    private static final Pattern ISSUER = Pattern.compile(
            "4[0-9]*|5[1-5][0-9]*|2(?:22[1-9]|2[3-9][0-9]|[3-6][0-9][0-9]|7[01][0-9]|720)[0-9]*|3[47][0-9]*|"
                    + "3(?:0[0-5]|[68][0-9])[0-9]*|6(?:011|5[0-9][0-9]|4[4-9][0-9])[0-9]*|35(?:2[89]|[3-8][0-9])[0-9]*|"
                    + "62[0-9]*|(?:50|5[6-9]|6[0-9])[0-9]*");

    private final RegexDetector candidates = new RegexDetector(PiiType.CARD, CANDIDATE, 2, null,
            (candidate, budget) -> isCard(candidate)).onlyIf(PaymentCardDetector::hasEnoughDigits);

    @Override
    public List<PiiMatch> find(String text, InspectionBudget budget) {
        return candidates.find(text, budget);
    }

    /** Whether the text has the 13 ASCII digits the shortest card has. */
    private static boolean hasEnoughDigits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length() && digits < 13; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return digits >= 13;
    }

    /** A candidate of at most 37 characters: grouped as cards are, with an issuer's prefix and a valid Luhn digit. */
    private static boolean isCard(String candidate) {
        if (!GROUPING.matches(candidate)) {
            return false;
        }
        StringBuilder digits = new StringBuilder(candidate.length());
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c != ' ' && c != '-') {
                digits.append(c);
            }
        }
        String number = digits.toString();
        return number.length() >= 13 && number.length() <= 19 && ISSUER.matches(number) && Checksums.luhn(number);
    }
}
