package dev.llmgateway.guard.pii;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs, printed compact or in groups of four: a country code, two check digits, then exactly as many characters as
 * that country's IBAN has, accepted only when the ISO 13616 mod-97 checksum holds.
 */
final class IbanDetector implements PiiDetector {

    private static final Pattern START = Pattern.compile("(?<![A-Za-z0-9])([A-Z]{2})(\\d{2})");
    private static final Map<String, Integer> LENGTHS = lengths();

    @Override
    public List<PiiMatch> find(String text) {
        List<PiiMatch> matches = new ArrayList<>();
        Matcher matcher = START.matcher(text);
        int from = 0;
        while (from < text.length() && matcher.find(from)) {
            from = matcher.start() + 1;
            Integer length = LENGTHS.get(matcher.group(1));
            if (length == null) {
                continue;
            }
            StringBuilder compact = new StringBuilder();
            int i = matcher.start();
            while (i < text.length() && compact.length() < length) {
                char c = text.charAt(i);
                if (Character.isDigit(c) || (c >= 'A' && c <= 'Z')) {
                    compact.append(c);
                } else if (!(c == ' ' && compact.length() % 4 == 0 && i + 1 < text.length() && text.charAt(i + 1) != ' ')) {
                    break;
                }
                i++;
            }
            boolean ends = i == text.length() || !Character.isLetterOrDigit(text.charAt(i));
            if (compact.length() == length && ends && Checksums.ibanMod97(compact.toString())) {
                matches.add(new PiiMatch(PiiType.IBAN, matcher.start(), i));
                from = i;
            }
        }
        return matches;
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
