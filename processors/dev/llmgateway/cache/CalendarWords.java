package dev.llmgateway.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Month and weekday names, seasons, and words that place a question in time (tomorrow, last year). */
final class CalendarWords {

    private static final Map<String, Integer> MONTHS = new HashMap<>();
    /** Abbreviations that are ordinary words too (mar, may, jan as a name): months only when written with a number. */
    private static final Map<String, Integer> MONTH_ABBREVIATIONS = new HashMap<>();
    private static final Set<String> WEEKDAYS = Set.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");
    private static final Set<String> SEASONS = Set.of("spring", "summer", "autumn", "winter");
    private static final Set<String> RELATIVE_DAYS = Set.of("today", "tonight", "tomorrow", "yesterday");
    private static final Set<String> PERIOD_MODIFIERS = Set.of("next", "last", "this", "previous", "past", "coming",
            "upcoming", "current");
    private static final Set<String> PERIODS = Set.of("week", "weekend", "month", "year", "quarter", "decade",
            "century", "night", "morning", "afternoon", "evening", "season", "semester", "term", "spring", "summer",
            "autumn", "winter");

    static {
        String[] names = ("january february march april may june july august september october november december")
                .split(" ");
        for (int i = 0; i < names.length; i++) {
            MONTHS.put(names[i], i + 1);
        }
        String[] abbreviations = "jan feb mar apr may jun jul aug sep oct nov dec".split(" ");
        for (int i = 0; i < abbreviations.length; i++) {
            MONTH_ABBREVIATIONS.put(abbreviations[i], i + 1);
        }
        MONTH_ABBREVIATIONS.put("sept", 9);
    }

    private CalendarWords() {
    }

    /** @return the month number of a full month name, or null */
    static Integer month(String lower) {
        return MONTHS.get(lower);
    }

    /** @return the month number of a full name or an abbreviation, or null */
    static Integer monthOrAbbreviation(String lower) {
        Integer month = MONTHS.get(lower);
        return month != null ? month : MONTH_ABBREVIATIONS.get(lower);
    }

    static boolean isWeekday(String lower) {
        return WEEKDAYS.contains(lower);
    }

    static boolean isSeason(String lower) {
        return SEASONS.contains(lower);
    }

    static boolean isRelativeDay(String lower) {
        return RELATIVE_DAYS.contains(lower);
    }

    static boolean isPeriodModifier(String lower) {
        return PERIOD_MODIFIERS.contains(lower);
    }

    /** Whether a word can follow next/last/this to name a period: week, year, monday, march... */
    static boolean isPeriod(String lower) {
        return PERIODS.contains(lower) || WEEKDAYS.contains(lower) || MONTHS.containsKey(lower)
                || lower.endsWith("s") && PERIODS.contains(lower.substring(0, lower.length() - 1));
    }
}
