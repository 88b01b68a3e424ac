package dev.llmgateway.cache;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The closed classes of English words that decide who, how much and when a question is about, and the words that
 * carry no content of their own. Content words (what a question is about) are every word not listed here.
 */
final class FunctionWords {

    /** Function words, fillers and the verbs that only frame a request (tell me, I want to know, can you show). */
    private static final Set<String> NO_CONTENT = words(
            "a an the this that these those there here it its itself is am are was were be been being do does did "
            + "doing done have has having had will would shall should can could may might must ought to of in on at "
            + "by for with about as into onto from than then so and or but nor if because while when where what "
            + "which who whom whose why how whether not no yes just also too very really actually exactly basically "
            + "simply kindly please ok okay hey hi hello thanks thank up out again further such same other another "
            + "any what's whats hows wheres whos tell know want wanna gotta need like show give let help wonder "
            + "wondering curious inform get got go going currently now still even ever already much many amount "
            + "quantity kind kinds type types sort sorts way ways thing things something anything stuff explain "
            + "describe summarize summarise define between good great nice best better top useful effective "
            + "recommended");

    private static final Map<String, String> PERSONS = new HashMap<>();
    /** Words that say the question is about everything of a kind, or about a part of it. */
    private static final Map<String, String> SCOPES = new HashMap<>();
    /** Times of day, each with its canonical name. */
    private static final Map<String, String> TIMES_OF_DAY = new HashMap<>();
    /** Adverbs and adjectives of frequency (daily, quarterly), each with the period it repeats at. */
    private static final Map<String, String> FREQUENCIES = new HashMap<>();
    /** Nouns of periods (day, week, quarter), plural or not, each with its singular. */
    private static final Map<String, String> PERIODS = new HashMap<>();
    /** Words that put two things in a relation whose direction matters: A of B is not B of A. */
    private static final Set<String> RELATIONS = words("of to from for than vs versus by into onto against over toward "
            + "towards per via");
    /** Verbs after which "me" or "to me" only frames the request (tell me, show me, let me know, explain to me). */
    private static final Set<String> FRAMING_BEFORE_ME = words("tell show give let help inform remind teach write "
            + "find get make recommend suggest draft read explain describe");
    /** Words after which "I" only frames the request (I want to know, I need to know, I wonder, I'm curious). */
    private static final Set<String> FRAMING_AFTER_I = words("want wanna need would like love wonder wondering "
            + "curious think believe guess trying hoping looking interested");
    /** Forms of "to be" after "I" that frame the request only before a framing word (I am wondering, not where I am). */
    private static final Set<String> BE_AFTER_I = words("am was");
    static {
        persons("1s", "i me my mine myself i'm im i'd id i've ive i'll");
        persons("1p", "we us our ours ourselves we're we've we'll we'd");
        persons("2", "you your yours yourself yourselves u ur you're youre you've you'll you'd");
        persons("3s", "he him his himself she her hers herself he's she's");
        persons("3p", "they them their theirs themselves they're they've they'll they'd");
        put(SCOPES, "all", "all every everyone everybody everything everywhere each entire whole overall total "
                + "global globally company-wide companywide org-wide organization-wide organisation-wide "
                + "enterprise-wide team-wide site-wide sitewide across altogether");
        put(SCOPES, "part", "part partial partially subset portion certain particular specific only single "
                + "individual majority minority fraction");
        put(TIMES_OF_DAY, "morning", "morning mornings breakfast");
        put(TIMES_OF_DAY, "noon", "noon midday lunchtime");
        put(TIMES_OF_DAY, "afternoon", "afternoon afternoons");
        put(TIMES_OF_DAY, "evening", "evening evenings");
        put(TIMES_OF_DAY, "night", "night nights tonight overnight nighttime");
        put(TIMES_OF_DAY, "midnight", "midnight");
        put(TIMES_OF_DAY, "dawn", "dawn sunrise daybreak");
        put(TIMES_OF_DAY, "dusk", "dusk sunset twilight");
        put(FREQUENCIES, "hour", "hourly");
        put(FREQUENCIES, "day", "daily everyday");
        put(FREQUENCIES, "night", "nightly");
        put(FREQUENCIES, "week", "weekly");
        put(FREQUENCIES, "2week", "biweekly fortnightly");
        put(FREQUENCIES, "month", "monthly");
        put(FREQUENCIES, "quarter", "quarterly");
        put(FREQUENCIES, "year", "yearly annually annual");
        for (String period : "hour day week weekend weekday month quarter year decade century semester".split(" ")) {
            PERIODS.put(period, period);
            PERIODS.put(period + "s", period);
        }
        PERIODS.put("centuries", "century");
    }

    private FunctionWords() {
    }

    private static void persons(String person, String spaceSeparated) {
        put(PERSONS, person, spaceSeparated);
    }

    private static void put(Map<String, String> map, String value, String spaceSeparated) {
        for (String word : spaceSeparated.split(" ")) {
            map.put(word, value);
        }
    }

    private static Set<String> words(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.split(" ")).collect(Collectors.toUnmodifiableSet());
    }

    static boolean hasNoContent(String lower) {
        return NO_CONTENT.contains(lower);
    }

    /** @return 1s, 1p, 2, 3s or 3p for a personal pronoun or possessive (I'm and I'd included), or null */
    static String person(String lower) {
        return PERSONS.get(lower.replace('\u2019', '\''));
    }

    /** @return "all" or "part" for a word of scope, or null */
    static String scope(String lower) {
        return SCOPES.get(lower);
    }

    static String timeOfDay(String lower) {
        return TIMES_OF_DAY.get(lower);
    }

    static String frequency(String lower) {
        return FREQUENCIES.get(lower);
    }

    /** @return the singular of a period noun (weeks: week), or null: a period when repeated (every week, per day) */
    static String period(String lower) {
        return PERIODS.get(lower);
    }

    static boolean isRelation(String lower) {
        return RELATIONS.contains(lower);
    }

    static boolean framesBeforeMe(String lower) {
        return FRAMING_BEFORE_ME.contains(lower);
    }

    static boolean framesAfterI(String lower) {
        return FRAMING_AFTER_I.contains(lower);
    }

    static boolean isBeAfterI(String lower) {
        return BE_AFTER_I.contains(lower);
    }
}
