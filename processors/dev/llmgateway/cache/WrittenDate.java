package dev.llmgateway.cache;

import dev.llmgateway.cache.QueryTokenizer.QueryToken;
import dev.llmgateway.cache.QueryTokenizer.QueryToken.Kind;
import java.util.List;
import java.util.Locale;

/**
 * A date written with a month name, read into the spelling of an ISO date: "March 5, 2024", "5th of March 2024" and
 * 2024-03-05 are all "date:2024-03-05"; without a year "date:--03-05"; a month and year "date:2024-03".
 *
 * @param fact the date in that spelling
 * @param end  the index of the first token after it
 */
record WrittenDate(String fact, int end) {

    /** @return the date starting at token i, or null when none does */
    static WrittenDate at(List<QueryToken> tokens, int i) {
        Integer month = monthAt(tokens, i);
        if (month != null) {
            Integer day = dayAt(tokens, i + 1);
            if (day != null) {
                int next = afterDay(tokens, i + 1);
                Integer year = yearAt(tokens, next);
                return new WrittenDate(fact(year, month, day), year != null ? next + 1 : next);
            }
            Integer year = yearAt(tokens, i + 1);
            return year == null ? null
                    : new WrittenDate(String.format(Locale.ROOT, "date:%04d-%02d", year, month), i + 2);
        }
        Integer day = dayAt(tokens, i);
        if (day == null) {
            return null;
        }
        int next = afterDay(tokens, i);
        if ("of".equals(wordAt(tokens, next))) {
            next++;
        }
        month = monthAt(tokens, next);
        if (month == null) {
            return null;
        }
        Integer year = yearAt(tokens, next + 1);
        return new WrittenDate(fact(year, month, day), year != null ? next + 2 : next + 1);
    }

    private static String fact(Integer year, int month, int day) {
        return year == null ? String.format(Locale.ROOT, "date:--%02d-%02d", month, day)
                : String.format(Locale.ROOT, "date:%04d-%02d-%02d", year, month, day);
    }

    private static Integer monthAt(List<QueryToken> tokens, int i) {
        String word = wordAt(tokens, i);
        return word == null ? null : CalendarWords.monthOrAbbreviation(word);
    }

    private static Integer dayAt(List<QueryToken> tokens, int i) {
        QueryToken token = at(tokens, i, Kind.NUMBER);
        if (token == null || !digits(token.text(), 1, 2)) {
            return null;
        }
        QueryToken suffix = at(tokens, i + 1, Kind.SUFFIX);
        if (suffix != null && !NumberWords.isOrdinalSuffix(suffix.lower())) {
            return null;
        }
        int day = Integer.parseInt(token.text());
        return day >= 1 && day <= 31 ? day : null;
    }

    private static int afterDay(List<QueryToken> tokens, int i) {
        return at(tokens, i + 1, Kind.SUFFIX) != null ? i + 2 : i + 1;
    }

    private static Integer yearAt(List<QueryToken> tokens, int i) {
        QueryToken token = at(tokens, i, Kind.NUMBER);
        if (token == null || !digits(token.text(), 4, 4) || token.text().charAt(0) != '1' && token.text().charAt(0) != '2'
                || at(tokens, i + 1, Kind.SUFFIX) != null) {
            return null;
        }
        return Integer.parseInt(token.text());
    }

    /** Whether the text is {@code \d{min,max}}: ASCII digits only, without reading past the longest. */
    private static boolean digits(String text, int min, int max) {
        if (text.length() < min || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static QueryToken at(List<QueryToken> tokens, int i, Kind kind) {
        return i < tokens.size() && tokens.get(i).kind() == kind ? tokens.get(i) : null;
    }

    private static String wordAt(List<QueryToken> tokens, int i) {
        QueryToken token = at(tokens, i, Kind.WORD);
        return token == null ? null : token.lower();
    }
}
