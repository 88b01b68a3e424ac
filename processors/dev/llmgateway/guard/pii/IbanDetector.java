package dev.llmgateway.guard.pii;

import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IBANs, printed compact or in groups of four: a country code, two check digits, then exactly as many characters as
 * that country's IBAN has, accepted only when the ISO 13616 mod-97 checksum holds. One pass over the text: a start is
 * two capitals and two digits not preceded by a letter or digit, and reading on from it stops after at most the
 * country's length (34 characters and the spaces between their groups).
 */
final class IbanDetector implements PiiDetector {

    private static final Map<String, Integer> LENGTHS = lengths();

    @Override
    public List<PiiMatch> find(String plain, InspectionBudget budget) {
        List<PiiMatch> matches = new ArrayList<>();
        CharSequence text = budget.meter(plain);
        int length = text.length();
        int start = 0;
        while (start + 4 <= length) {
            if (!isStart(text, start)) {
                start++;
                continue;
            }
            Integer ibanLength = LENGTHS.get(plain.substring(start, start + 2));
            int end = ibanLength == null ? -1 : end(text, start, ibanLength);
            if (end < 0) {
                start++;
                continue;
            }
            matches.add(new PiiMatch(PiiType.IBAN, start, end));
            start = end;
        }
        return matches;
    }

    /** {@code (?<![A-Za-z0-9])[A-Z]{2}\d{2}} at {@code start}. */
    private static boolean isStart(CharSequence text, int start) {
        char first = text.charAt(start);
        if (!(first >= 'A' && first <= 'Z')) {
            return false;
        }
        char second = text.charAt(start + 1);
        if (!(second >= 'A' && second <= 'Z') || !asciiDigit(text.charAt(start + 2)) || !asciiDigit(text.charAt(start + 3))) {
            return false;
        }
        if (start == 0) {
            return true;
        }
        char before = text.charAt(start - 1);
        return !(before >= 'A' && before <= 'Z' || before >= 'a' && before <= 'z' || asciiDigit(before));
    }

    /** @return where the IBAN starting at {@code start} ends, or -1 when the characters there are not one */
    private static int end(CharSequence text, int start, int ibanLength) {
        StringBuilder compact = new StringBuilder(ibanLength);
        int i = start;
        while (i < text.length() && compact.length() < ibanLength) {
            char c = text.charAt(i);
            if (Character.isDigit(c) || (c >= 'A' && c <= 'Z')) {
                compact.append(c);
            } else if (!(c == ' ' && compact.length() % 4 == 0 && i + 1 < text.length() && text.charAt(i + 1) != ' ')) {
                break;
            }
            i++;
        }
        boolean ends = i == text.length() || !Character.isLetterOrDigit(text.charAt(i));
        return compact.length() == ibanLength && ends && Checksums.ibanMod97(compact.toString()) ? i : -1;
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Map<String, Integer> lengths() {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29 "
                + "ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 "
                + "LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 "
                + "RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
        Map<String, Integer> lengths = new HashMap<>();
        for (String entry : table.split(" ")) {
            lengths.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
        return Map.copyOf(lengths);
    }
}
