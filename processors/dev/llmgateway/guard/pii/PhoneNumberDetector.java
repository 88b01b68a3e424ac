package dev.llmgateway.guard.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Phone numbers as libphonenumber finds them: numbers in international format (+44 20 7946 0958) for any country,
 * and national formats of the configured regions, each window searched once per region. Only numbers valid for their
 * region count. The first region's national numbers count however they are written; another region's only as that
 * country writes them (020 7946 0958): with its trunk prefix 0 and grouped as its formatting rules group them, because
 * a bare run of digits (an order number, a batch id) is a valid national number somewhere more often than not.
 * <p>
 * libphonenumber is handed windows of the text, never the whole of it: a linear scan finds the runs of characters
 * its candidate pattern can match (digits, brackets, plus signs, phone punctuation, and what extensions are written
 * with), and the runs with enough digits for a valid number go to it in windows of up to {@value #MAX_WINDOW}
 * characters that begin and end with a character outside any run, the one character of context it looks at on either
 * side of a candidate. Its candidates never cross such a character, so a window gives the numbers the whole text
 * would. A single run longer than a window (a list of numbers on one line) is searched in windows that overlap by
 * {@value #OVERLAP}, so a number is seen whole in one of them. libphonenumber copies the rest of its text for every
 * date-like candidate: handed a whole text, that made a text of dates cost the square of its length; handed a window,
 * the copy is at most a window long.
 * <p>
 * A run with fewer digits than the shortest valid number is not searched: libphonenumber throws (and fills the stack
 * trace of) an exception for every digit group it rejects, which made a short name such as a model alias cost more
 * to redact than the rest of a call's logging.
 */
final class PhoneNumberDetector implements PiiDetector {

    /** The longest window handed to libphonenumber. */
    static final int MAX_WINDOW = 1024;
    /** How much consecutive windows of a long run overlap: longer than any phone number with its extension. */
    static final int OVERLAP = 128;
    /** The most characters read from a trunk prefix for a number written nationally, separators included. */
    static final int NATIONAL_SPAN = 32;

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA = DefaultMetadataDependenciesProvider.getInstance()
            .getPhoneNumberMetadataSource();
    /** The fewest digits of a valid number written internationally: its country code, then its national number. */
    static final int FEWEST_INTERNATIONAL_DIGITS = fewestInternationalDigits();
    /**
     * The characters, besides decimal digits of any script, that libphonenumber's candidate pattern (PhoneNumberMatcher.
     * PATTERN: leading brackets and plus signs, VALID_PUNCTUATION, EXTN_PATTERNS_FOR_MATCHING) can match, compiled there
     * case-insensitively with Unicode case.
     */
    private static final String PATTERN_CHARACTERS = "([\uFF08\uFF3B+\uFF0B" // leading brackets and plus signs
            + "-x\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30FC\uFF0D\uFF0E\uFF0F \u00A0\u00AD\u200B\u2060\u3000"
            + "()\uFF08\uFF09\uFF3B\uFF3D.[]/~\u2053\u223C\uFF5E" // punctuation
            + ";ext=nsio\u0301\u00F3\uFF45\uFF58\uFF54\uFF4E\u0434\u043E\u0431a#\uFF03\uFF49:\uFF0E,\t"; // extensions
    private static final BitSet IN_PATTERN = patternCharacters();

    private final List<String> regions;
    private final int fewestDigits;

    /** @param regions the ISO countries whose national formats count, at least one */
    PhoneNumberDetector(List<String> regions) {
        this.regions = List.copyOf(regions);
        int fewest = FEWEST_INTERNATIONAL_DIGITS;
        for (String region : regions) {
            PhoneMetadata national = METADATA.getMetadataForRegion(region);
            if (national != null) {
                fewest = Math.min(fewest, shortestNationalNumber(national));
            }
        }
        this.fewestDigits = fewest;
    }

    @Override
    public List<PiiMatch> find(String plain, InspectionBudget budget) {
        List<PiiMatch> matches = new ArrayList<>();
        CharSequence text = budget.meter(plain);
        int length = text.length();
        // The window being gathered: runs close together go to libphonenumber at once, as one call costs more than a few characters.
        int windowStart = -1;
        int windowEnd = -1;
        int i = 0;
        while (i < length) {
            int c = Character.codePointAt(text, i);
            if (!canBeInNumber(c)) {
                i += Character.charCount(c);
                continue;
            }
            int runStart = i;
            int digits = 0;
            while (i < length && canBeInNumber(c = Character.codePointAt(text, i))) {
                if (Character.isDigit(c)) {
                    digits++;
                }
                i += Character.charCount(c);
            }
            if (digits < fewestDigits) {
                continue;
            }
            int start = Math.max(0, runStart - 1);
            int end = Math.min(length, i + 1);
            if (windowStart >= 0 && end - windowStart <= MAX_WINDOW) {
                windowEnd = end;
                continue;
            }
            if (windowStart >= 0) {
                search(plain, windowStart, windowEnd, budget, matches);
                windowStart = -1;
            }
            if (i - runStart > MAX_WINDOW) {
                searchLongRun(plain, runStart, i, budget, matches);
            } else {
                windowStart = start;
                windowEnd = end;
            }
        }
        if (windowStart >= 0) {
            search(plain, windowStart, windowEnd, budget, matches);
        }
        return matches;
    }

    /** Whether the code point can be part of a candidate of libphonenumber's. */
    static boolean canBeInNumber(int c) {
        return Character.isDigit(c) || c < IN_PATTERN.size() && IN_PATTERN.get(c);
    }

    /** A run too long for one window: windows of it that end inside it have no context character, as it could be read as part of a number. */
    private void searchLongRun(String text, int start, int end, InspectionBudget budget, List<PiiMatch> matches) {
        int windowStart = start;
        int found = matches.size();
        while (true) {
            int windowEnd = Math.min(end, windowStart + MAX_WINDOW);
            search(text, windowStart == start ? Math.max(0, start - 1) : windowStart,
                    windowEnd == end ? Math.min(text.length(), end + 1) : windowEnd, budget, matches);
            if (windowEnd == end) {
                break;
            }
            windowStart = numberStartNear(text, windowEnd - OVERLAP, budget);
        }
        dropRepeats(matches, found);
    }

    /**
     * Searches the window for the first region's numbers, and for each other region's national numbers at every trunk
     * prefix in it; a number several regions find (an international one) is kept once.
     */
    private void search(String text, int start, int end, InspectionBudget budget, List<PiiMatch> matches) {
        Set<PiiMatch> found = new LinkedHashSet<>();
        for (PhoneNumberMatch match : findNumbers(text, start, end, regions.get(0), budget)) {
            found.add(new PiiMatch(PiiType.PHONE, start + match.start(), start + match.end()));
        }
        if (regions.size() > 1) {
            CharSequence metered = budget.meter(text);
            for (int at = start; at + 1 < end; at++) {
                if (startsTrunkPrefix(metered, at)) {
                    searchNational(text, at, end, budget, found);
                }
            }
        }
        matches.addAll(found);
    }

    /**
     * The other regions' numbers written nationally from the trunk prefix at {@code at}: a national number is short,
     * so libphonenumber gets the {@value #NATIONAL_SPAN} characters from there, and a number reaching the end of that
     * span, which may go on, is not taken; nor is one inside a longer run of digit groups (an account number).
     */
    private void searchNational(String text, int at, int windowEnd, InspectionBudget budget, Set<PiiMatch> found) {
        int from = at > 0 && text.charAt(at - 1) == '(' ? at - 1 : at;
        if (digitGroupAround(text, from - 2, from - 1)) {
            return;
        }
        int start = Math.max(0, from - 1);
        int end = Math.min(windowEnd, at + NATIONAL_SPAN);
        for (String region : regions.subList(1, regions.size())) {
            for (PhoneNumberMatch match : findNumbers(text, start, end, region, budget)) {
                int matchEnd = start + match.end();
                if (start + match.start() == from && (matchEnd < end || end == windowEnd)
                        && !digitGroupAround(text, matchEnd + 1, matchEnd) && writtenNationally(match)) {
                    found.add(new PiiMatch(PiiType.PHONE, from, start + match.end()));
                }
            }
        }
    }

    private static Iterable<PhoneNumberMatch> findNumbers(String text, int start, int end, String region,
                                                          InspectionBudget budget) {
        // Every candidate costs at most four tries and the candidates do not overlap, so this never stops a search early.
        long maxTries = 4L * (end - start) + 16;
        return PHONES.findNumbers(budget.meter(text, start, end), region, PhoneNumberUtil.Leniency.VALID, maxTries);
    }

    /** @return whether a digit is at {@code digit}, and only a space, dot, hyphen or slash at {@code separator} */
    private static boolean digitGroupAround(String text, int digit, int separator) {
        return digit >= 0 && digit < text.length() && Character.isDigit(text.charAt(digit))
                && " .-/".indexOf(text.charAt(separator)) >= 0;
    }

    /** @return whether a group of digits starts at {@code at} with a trunk prefix: 0, then another digit but 0 */
    private static boolean startsTrunkPrefix(CharSequence text, int at) {
        return text.charAt(at) == '0' && (at == 0 || !Character.isDigit(text.charAt(at - 1)))
                && text.charAt(at + 1) >= '1' && text.charAt(at + 1) <= '9';
    }

    /**
     * @return whether the number starts with a trunk prefix 0 (not the 00 of international dialling) and its digits are
     *         grouped the way its country's national format groups them (each group of that format whole, or split)
     */
    private static boolean writtenNationally(PhoneNumberMatch match) {
        String raw = match.rawString();
        int first = raw.startsWith("(") ? 1 : 0;
        if (raw.length() < first + 2 || raw.charAt(first) != '0' || raw.charAt(first + 1) < '1'
                || raw.charAt(first + 1) > '9') {
            return false;
        }
        Set<Integer> written = groupEnds(raw);
        Set<Integer> formatted = groupEnds(PHONES.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.NATIONAL));
        return written.size() > 1 && written.containsAll(formatted);
    }

    /** @return how many digits precede the end of each group of digits, the last (all the digits) included */
    private static Set<Integer> groupEnds(String number) {
        Set<Integer> ends = new LinkedHashSet<>();
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            if (Character.isDigit(number.charAt(i))) {
                digits++;
                if (i + 1 == number.length() || !Character.isDigit(number.charAt(i + 1))) {
                    ends.add(digits);
                }
            }
        }
        return ends;
    }

    /** @return a start for the next window at or shortly after {@code from}: after a separator, where a number may begin */
    private static int numberStartNear(String text, int from, InspectionBudget budget) {
        CharSequence metered = budget.meter(text);
        for (int i = from; i < from + OVERLAP / 2; i++) {
            char before = metered.charAt(i - 1);
            if (!Character.isLetterOrDigit(before) && (Character.isDigit(metered.charAt(i)) || metered.charAt(i) == '+')) {
                return i;
            }
        }
        return from;
    }

    /** Overlapping windows find the same number twice; keeps one of each. */
    private static void dropRepeats(List<PiiMatch> matches, int from) {
        List<PiiMatch> found = new ArrayList<>(matches.subList(from, matches.size()));
        matches.subList(from, matches.size()).clear();
        found.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.end(), b.end()));
        PiiMatch previous = null;
        for (PiiMatch match : found) {
            if (!match.equals(previous)) {
                matches.add(match);
            }
            previous = match;
        }
    }

    private static BitSet patternCharacters() {
        BitSet characters = new BitSet(0x10000);
        for (int c = 0; c < 0x10000; c++) {
            // What a case-insensitive, Unicode-case match of the pattern's characters can also match.
            if (PATTERN_CHARACTERS.indexOf(c) >= 0 || PATTERN_CHARACTERS.indexOf(Character.toLowerCase(c)) >= 0
                    || PATTERN_CHARACTERS.indexOf(Character.toUpperCase(c)) >= 0
                    || PATTERN_CHARACTERS.indexOf(Character.toLowerCase(Character.toUpperCase(c))) >= 0
                    || PATTERN_CHARACTERS.indexOf(Character.toUpperCase(Character.toLowerCase(c))) >= 0) {
                characters.set(c);
            }
        }
        return characters;
    }

    private static int fewestInternationalDigits() {
        int fewest = Integer.MAX_VALUE;
        for (String region : PHONES.getSupportedRegions()) {
            fewest = Math.min(fewest, digitsOf(PHONES.getCountryCodeForRegion(region))
                    + shortestNationalNumber(METADATA.getMetadataForRegion(region)));
        }
        for (int code : PHONES.getSupportedGlobalNetworkCallingCodes()) {
            fewest = Math.min(fewest, digitsOf(code)
                    + shortestNationalNumber(METADATA.getMetadataForNonGeographicalRegion(code)));
        }
        return fewest;
    }

    private static int shortestNationalNumber(PhoneMetadata metadata) {
        return metadata.getGeneralDesc().getPossibleLengthList().stream().mapToInt(Integer::intValue).min()
                .orElse(Integer.MAX_VALUE);
    }

    private static int digitsOf(int countryCode) {
        return Integer.toString(countryCode).length();
    }
}
