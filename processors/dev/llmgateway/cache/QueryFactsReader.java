package dev.llmgateway.cache;

import dev.llmgateway.cache.QueryTokenizer.QueryToken;
import dev.llmgateway.cache.QueryTokenizer.QueryToken.Kind;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@link QueryFacts} of a query, one token at a time, in a single pass: each token is looked at a bounded
 * number of times, and numbers are spelled canonically as text ({@link DecimalText}), never through BigDecimal, whose
 * arithmetic on a number thousands of digits long costs the square of its length.
 */
final class QueryFactsReader {

    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "none", "nothing", "nobody", "nowhere",
            "neither", "nor", "without", "cannot", "dont", "cant", "wont", "isnt", "arent", "doesnt", "didnt", "shouldnt",
            "wouldnt", "couldnt", "wasnt", "werent", "havent", "hasnt", "hadnt", "mustnt", "neednt", "aint");

    /** Words that give the things around them a direction: from X to Y, X than Y, X vs Y. */
    private static final Set<String> ROLE_WORDS = Set.of("from", "to", "into", "onto", "than", "vs", "versus");
    private static final Set<String> ROLE_SKIPPED = Set.of("the", "a", "an", "my", "your", "our", "their", "his", "her",
            "its", "this", "that", "these", "those", "some", "any");
    private static final Set<String> QUANTIFIERS = Set.of("many", "per", "each", "every", "a", "an", "several", "few",
            "couple", "much");
    private static final Set<String> ONE_AS_PRONOUN_AFTER = Set.of("the", "this", "that", "which", "each", "any",
            "every", "no", "some", "another");
    private static final Set<String> TEMPERATURE_SCALES = Set.of("celsius", "fahrenheit", "kelvin");

    private final List<QueryToken> tokens;
    private final InspectionBudget budget;
    private final List<String> numbers = new ArrayList<>();
    private final List<String> units = new ArrayList<>();
    private final List<String> dates = new ArrayList<>();
    private final List<String> entities = new ArrayList<>();
    private final List<String> words = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private final int[] opposites = new int[OppositeTerms.pairCount()];
    private int negations;
    private boolean inQuote;

    private QueryFactsReader(List<QueryToken> tokens, InspectionBudget budget) {
        this.tokens = tokens;
        this.budget = budget;
    }

    static QueryFacts read(String text, InspectionBudget budget) {
        QueryFactsReader reader = new QueryFactsReader(QueryTokenizer.tokenize(text, budget), budget);
        reader.readAll();
        return new QueryFacts(List.copyOf(reader.numbers), temperatureScalesMerged(reader.units),
                List.copyOf(reader.dates), List.copyOf(reader.entities), reader.negations, reader.opposites,
                List.copyOf(reader.roles), List.copyOf(reader.words), reader.salientWords());
    }

    /** The salient words, read from the words list: charged once more for each of its characters. */
    private SalientWords salientWords() {
        for (String word : words) {
            budget.charge(word.length());
        }
        return SalientWordsReader.read(words);
    }

    /** "20 degrees Celsius" and "20°C" name one unit: a degree followed by its scale is the scale. */
    private static List<String> temperatureScalesMerged(List<String> units) {
        List<String> merged = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            boolean scaleFollows = i + 1 < units.size() && TEMPERATURE_SCALES.contains(units.get(i + 1));
            if (!(units.get(i).equals("degree") && scaleFollows)) {
                merged.add(units.get(i));
            }
        }
        return List.copyOf(merged);
    }

    private void readAll() {
        int i = 0;
        while (i < tokens.size()) {
            i = readAt(i);
        }
    }

    /** Reads the token at i (and any that belong with it) and returns the index of the next unread token. */
    private int readAt(int i) {
        QueryToken token = tokens.get(i);
        return switch (token.kind()) {
            case NAME -> {
                name(token.lower());
                yield i + 1;
            }
            case ISO_DATE -> {
                dates.add("date:" + token.text());
                yield i + 1;
            }
            case TIME -> {
                dates.add("time:" + withoutLeadingZero(token.text()));
                String meridiem = wordAt(i + 1);
                if (meridiem != null && (meridiem.equals("am") || meridiem.equals("pm"))) {
                    units.add(meridiem);
                    yield i + 2;
                }
                yield i + 1;
            }
            case NUMBER -> number(i);
            case SUFFIX -> {
                name(token.lower());
                yield i + 1;
            }
            case WORD -> word(i);
            case SYMBOL -> symbol(i);
            case QUOTE -> {
                inQuote = !inQuote;
                yield i + 1;
            }
            case END -> {
                inQuote = false;
                yield i + 1;
            }
        };
    }

    private void name(String lower) {
        words.add(lower);
        entities.add(lower);
    }

    private int number(int i) {
        WrittenDate date = WrittenDate.at(tokens, i);
        if (date != null) {
            dates.add(date.fact());
            return date.end();
        }
        QueryToken token = tokens.get(i);
        DecimalText value = DecimalText.parse(token.text());
        int next = i + 1;
        QueryToken suffix = at(next, Kind.SUFFIX);
        if (suffix != null) {
            String s = suffix.lower();
            next++;
            if (NumberWords.isOrdinalSuffix(s)) {
                numbers.add("#" + canonical(value));
                return next;
            }
            if (s.equals("s") && value.isMultipleOfTen()) {
                name(token.lower() + s);
                return next;
            }
            Long scale = NumberWords.suffixScale(s);
            if (scale != null) {
                value = value.timesPowerOfTen(NumberWords.powerOfTen(scale));
            } else if (UnitLexicon.afterNumber(s) != null) {
                numbers.add(canonical(value));
                units.add(UnitLexicon.afterNumber(s));
                return next;
            } else {
                name(token.lower() + s);
                return next;
            }
        }
        while (wordAt(next) != null && NumberWords.scale(wordAt(next)) != null) {
            value = value.timesPowerOfTen(NumberWords.powerOfTen(NumberWords.scale(wordAt(next))));
            next++;
        }
        numbers.add(canonical(value));
        String unitWord = wordAt(next);
        if (unitWord != null && UnitLexicon.afterNumber(unitWord) != null && UnitLexicon.standalone(unitWord) == null) {
            units.add(UnitLexicon.afterNumber(unitWord));
            words.add(unitWord);
            next++;
        }
        return next;
    }

    /** A number's canonical spelling, charged: scale words can make it longer than it was written (a million million). */
    private String canonical(DecimalText value) {
        String canonical = value.canonical();
        budget.charge(canonical.length());
        return canonical;
    }

    private int word(int i) {
        QueryToken token = tokens.get(i);
        String lower = withoutPossessive(token.lower());
        WrittenDate date = WrittenDate.at(tokens, i);
        if (date != null) {
            dates.add(date.fact());
            return date.end();
        }
        int numberEnd = numberWords(i);
        if (numberEnd > i) {
            return numberEnd;
        }
        words.add(lower);
        if (isNegation(lower)) {
            negations++;
        }
        OppositeTerms.mark(lower, opposites);
        Integer ordinal = NumberWords.ordinal(lower);
        if (ordinal != null && !(lower.equals("second") && previousIsNumber(i))) {
            numbers.add("#" + ordinal);
            return i + 1;
        }
        if (CalendarWords.isRelativeDay(lower)) {
            dates.add("rel:" + lower);
            return i + 1;
        }
        if (lower.equals("ago")) {
            dates.add("rel:ago");
            return i + 1;
        }
        String period = wordAt(i + 1);
        if (CalendarWords.isPeriodModifier(lower) && period != null && CalendarWords.isPeriod(period)) {
            dates.add("rel:" + lower + "-" + period);
            words.add(period);
            return i + 2;
        }
        if (CalendarWords.isWeekday(lower)) {
            dates.add("weekday:" + lower);
            return i + 1;
        }
        if (CalendarWords.isSeason(lower)) {
            dates.add("season:" + lower);
            return i + 1;
        }
        Integer month = CalendarWords.month(lower);
        if (month != null && Character.isUpperCase(token.text().charAt(0))
                && !(token.sentenceStart() && EntityWords.isCommonStarter(lower))) {
            dates.add("month:" + month);
            return i + 1;
        }
        String repeatedEvery = FunctionWords.frequency(lower);
        if (repeatedEvery != null && UnitLexicon.standalone(repeatedEvery) != null) {
            // daily is per day: the same unit
            units.add(UnitLexicon.standalone(repeatedEvery));
            return i + 1;
        }
        String unit = UnitLexicon.standalone(lower);
        if (unit != null && (!UnitLexicon.isDuration(unit) || followsQuantity(i))) {
            units.add(unit);
            return i + 1;
        }
        if (ROLE_WORDS.contains(lower)) {
            String filler = roleFiller(i + 1);
            if (filler != null) {
                roles.add(lower + ">" + filler);
            }
        }
        if (isName(token, lower)) {
            entities.add(lower);
        }
        return i + 1;
    }

    private int symbol(int i) {
        String symbol = tokens.get(i).text();
        if (symbol.equals("\u00b0")) {
            String scale = wordAt(i + 1);
            if (scale != null && (scale.equals("c") || scale.equals("f") || scale.equals("k"))) {
                units.add(scale.equals("c") ? "celsius" : scale.equals("f") ? "fahrenheit" : "kelvin");
                return i + 2;
            }
        }
        units.add(UnitLexicon.afterNumber(symbol));
        return i + 1;
    }

    /**
     * Reads a number written in words (twenty-five, a hundred and ten, two million) and returns the index after it;
     * "one" after a determiner (the one that made you, which one) is a pronoun, not a number.
     */
    private int numberWords(int i) {
        if ("one".equals(wordAt(i)) && i > 0 && ONE_AS_PRONOUN_AFTER.contains(wordAt(i - 1))) {
            return i;
        }
        long total = 0;
        long current = 0;
        int next = i;
        boolean any = false;
        if ("a".equals(wordAt(next)) && wordAt(next + 1) != null
                && (NumberWords.scale(wordAt(next + 1)) != null || wordAt(next + 1).equals("dozen"))) {
            current = 1;
            next++;
        }
        while (wordAt(next) != null) {
            String word = wordAt(next);
            Long cardinal = NumberWords.cardinal(word);
            Long scale = NumberWords.scale(word);
            if (cardinal != null) {
                current += cardinal;
            } else if (word.equals("dozen")) {
                current = (current == 0 ? 1 : current) * 12;
            } else if (word.equals("hundred")) {
                current = (current == 0 ? 1 : current) * 100;
            } else if (scale != null) {
                total += (current == 0 ? 1 : current) * scale;
                current = 0;
            } else if (word.equals("and") && any && wordAt(next + 1) != null && NumberWords.cardinal(wordAt(next + 1)) != null) {
                next++;
                continue;
            } else if (word.equals("half") && !any) {
                numbers.add("0.5");
                words.add(word);
                return next + 1;
            } else {
                break;
            }
            any = true;
            words.add(word);
            next++;
        }
        if (!any) {
            return i;
        }
        numbers.add(Long.toString(total + current));
        String unitWord = wordAt(next);
        if (unitWord != null && UnitLexicon.afterNumber(unitWord) != null && UnitLexicon.standalone(unitWord) == null) {
            units.add(UnitLexicon.afterNumber(unitWord));
            words.add(unitWord);
            next++;
        }
        return next;
    }

    private boolean isName(QueryToken token, String lower) {
        String text = token.text();
        if (inQuote || EntityWords.isLowerCaseName(lower)) {
            return true;
        }
        if (lower.equals("i") || lower.startsWith("i'") || lower.startsWith("i\u2019")) {
            return false;
        }
        if (text.chars().anyMatch(Character::isDigit) || text.indexOf('_') >= 0 || isCodeWithDot(text)) {
            return true;
        }
        boolean capitalized = Character.isUpperCase(text.charAt(0));
        boolean innerCapital = text.substring(1).chars().anyMatch(Character::isUpperCase);
        if (innerCapital) {
            return true;
        }
        if (!capitalized) {
            return false;
        }
        return !token.sentenceStart() || !EntityWords.isCommonStarter(lower);
    }

    /**
     * os.path, node.js, report.pdf; not abbreviations of single letters such as e.g or U.S.: a dot with two letters or
     * digits before or after it ({@code .*[\p{L}\p{N}]{2}\..*|.*\.[\p{L}\p{N}]{2}.*}, in one pass).
     */
    static boolean isCodeWithDot(String text) {
        for (int dot = text.indexOf('.'); dot >= 0; dot = text.indexOf('.', dot + 1)) {
            if (letterOrNumberBefore(text, dot) && letterOrNumberBefore(text, dot - Character.charCount(text.codePointBefore(dot)))) {
                return true;
            }
            int after = dot + 1;
            if (letterOrNumberAt(text, after) && letterOrNumberAt(text, after + Character.charCount(text.codePointAt(after)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean letterOrNumberBefore(String text, int index) {
        return index > 0 && isLetterOrNumber(text.codePointBefore(index));
    }

    private static boolean letterOrNumberAt(String text, int index) {
        return index < text.length() && isLetterOrNumber(text.codePointAt(index));
    }

    /** {@code [\p{L}\p{N}]} */
    private static boolean isLetterOrNumber(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** {@code replaceFirst("^0(\d:)", "$1")}: 09:30 is 9:30. */
    private static String withoutLeadingZero(String time) {
        return time.length() >= 3 && time.charAt(0) == '0' && time.charAt(1) >= '0' && time.charAt(1) <= '9'
                && time.charAt(2) == ':' ? time.substring(1) : time;
    }

    static boolean isNegation(String lower) {
        return NEGATIONS.contains(lower) || lower.endsWith("n't") || lower.endsWith("n\u2019t") || lower.startsWith("non-");
    }

    private static String withoutPossessive(String lower) {
        if (lower.endsWith("'s") || lower.endsWith("\u2019s")) {
            return lower.substring(0, lower.length() - 2);
        }
        return lower.endsWith("s'") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * A duration word is a unit when it measures something (5 days, how many days, per day, a year), not when it
     * only asks about time (what year, the best time of year).
     */
    private boolean followsQuantity(int i) {
        if (i == 0) {
            return false;
        }
        QueryToken previous = tokens.get(i - 1);
        if (previous.kind() == Kind.NUMBER || previous.kind() == Kind.SUFFIX) {
            return true;
        }
        String word = previous.kind() == Kind.WORD ? previous.lower() : null;
        return word != null && (QUANTIFIERS.contains(word) || NumberWords.cardinal(word) != null
                || NumberWords.scale(word) != null);
    }

    /** The word a direction word points at (from the office, to my mobile), skipping articles and numbers. */
    private String roleFiller(int i) {
        for (int j = i; j < tokens.size(); j++) {
            QueryToken token = tokens.get(j);
            if (token.kind() == Kind.NUMBER || token.kind() == Kind.SUFFIX || token.kind() == Kind.SYMBOL) {
                continue;
            }
            if (token.kind() != Kind.WORD && token.kind() != Kind.NAME) {
                return null;
            }
            String word = withoutPossessive(token.lower());
            if (!ROLE_SKIPPED.contains(word) && NumberWords.cardinal(word) == null) {
                return word;
            }
        }
        return null;
    }

    private boolean previousIsNumber(int i) {
        return i > 0 && tokens.get(i - 1).kind() == Kind.NUMBER;
    }

    private QueryToken at(int i, Kind kind) {
        return i < tokens.size() && tokens.get(i).kind() == kind ? tokens.get(i) : null;
    }

    private String wordAt(int i) {
        QueryToken token = at(i, Kind.WORD);
        return token == null ? null : withoutPossessive(token.lower());
    }
}
