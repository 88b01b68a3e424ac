package dev.llmgateway.cache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@link SalientWords} of a query from its words (lower-cased, in order) in one pass, looking at most two
 * words back and two ahead.
 */
final class SalientWordsReader {

    private static final Set<String> SUBJECTS = Set.of("i", "i'm", "im", "i'd", "id", "i've", "ive", "you", "we");
    private static final Set<String> AUXILIARIES = Set.of("do", "does", "did", "can", "could", "should", "would",
            "will", "shall", "must", "may", "might", "am", "are", "is");
    private static final Set<String> MODALS = Set.of("can", "could", "should", "would", "will", "shall", "must", "may",
            "might");
    /** do you know, do you think: asking what is so, not what the one asked knows */
    private static final Set<String> KNOW = Set.of("know", "think", "remember");
    /** how do I, how long do I, how often does one: asking how anybody does it */
    private static final Set<String> HOW = Set.of("how", "long", "often", "far", "soon", "quickly", "well");
    private static final Set<String> YES_NO_STARTS = Set.of("is", "are", "am", "was", "were", "do", "does", "did",
            "has", "have", "had");
    private static final Set<String> QUESTION_STARTS = Set.of("what", "which", "who", "whom", "whose", "when", "where",
            "why", "how");

    private final List<String> words;
    private final Set<String> persons = new LinkedHashSet<>();
    private final Set<String> scopes = new TreeSet<>();
    private final Set<String> periods = new TreeSet<>();
    private final List<String> relations = new ArrayList<>();
    private final List<String> content = new ArrayList<>();
    private final List<String> adjacent = new ArrayList<>();
    private String lastContent;
    private int lastContentAt = -2;
    private String pendingRelation;

    private SalientWordsReader(List<String> words) {
        this.words = words;
    }

    static SalientWords read(List<String> words) {
        SalientWordsReader reader = new SalientWordsReader(words);
        for (int i = 0; i < words.size(); i = reader.readAt(i)) {
            // each step reads one word, or two (every week)
        }
        return new SalientWords(mood(words), List.copyOf(reader.persons), List.copyOf(reader.scopes),
                List.copyOf(reader.periods), List.copyOf(reader.relations), List.copyOf(reader.content),
                List.copyOf(reader.adjacent));
    }

    /** Reads the word at i and returns the index of the next unread word. */
    private int readAt(int i) {
        String word = words.get(i);
        String next = i + 1 < words.size() ? words.get(i + 1) : null;
        String previous = i > 0 ? words.get(i - 1) : null;
        String person = FunctionWords.person(word);
        if (person != null) {
            if (!framesTheRequest(word, i > 1 ? words.get(i - 2) : null, previous, next,
                    i + 2 < words.size() ? words.get(i + 2) : null)) {
                persons.add(person);
            }
            return i + 1;
        }
        String repeated = next == null ? null : FunctionWords.period(next);
        if (repeated != null && repeats(word, previous)) {
            periods.add("every:" + repeated);
            return i + 2;
        }
        if (FunctionWords.scope(word) != null) {
            scopes.add(FunctionWords.scope(word));
            return i + 1;
        }
        if (FunctionWords.timeOfDay(word) != null) {
            periods.add("time:" + FunctionWords.timeOfDay(word));
            return i + 1;
        }
        if (FunctionWords.frequency(word) != null) {
            periods.add("every:" + FunctionWords.frequency(word));
            return i + 1;
        }
        if (FunctionWords.isRelation(word)) {
            pendingRelation = lastContent == null ? null : lastContent + ">" + word + ">";
            return i + 1;
        }
        if (FunctionWords.hasNoContent(word) || QueryFactsReader.isNegation(word) || NumberWords.cardinal(word) != null
                || NumberWords.scale(word) != null) {
            return i + 1;
        }
        String stem = WordStems.stem(word);
        if (lastContentAt == i - 1) {
            adjacent.add(lastContent + " " + stem);
        }
        content.add(stem);
        lastContentAt = i;
        if (pendingRelation != null) {
            relations.add(pendingRelation + stem);
            pendingRelation = null;
        }
        lastContent = stem;
        return i + 1;
    }

    /**
     * Is milk on my list? Does it have side effects? A question that asks yes or no, as against a request or a
     * statement (put milk on my list; I need milk on my list). A question starting with a question word, or with a
     * modal (can I, should we, could you), asks neither way.
     */
    private static String mood(List<String> words) {
        if (words.isEmpty()) {
            return SalientWords.OTHER;
        }
        String first = words.get(0);
        if (YES_NO_STARTS.contains(first)) {
            return SalientWords.YES_NO;
        }
        return QUESTION_STARTS.contains(first) || AUXILIARIES.contains(first) ? SalientWords.QUESTION
                : SalientWords.OTHER;
    }

    /** every week, each month, per day, once a year, three times a week */
    private static boolean repeats(String word, String previous) {
        return word.equals("every") || word.equals("each") || word.equals("per")
                || word.equals("a") && previous != null && (previous.equals("once") || previous.equals("twice")
                || previous.equals("thrice") || previous.equals("times"));
    }

    /**
     * Whether a pronoun only frames the request (tell me, I want to know, could you show) or stands for anybody (how
     * do I, can you, should we): "how do I reset it" asks what "how do you reset it" asks; "how many did we sell"
     * does not ask what "how many did I sell" asks.
     */
    private static boolean framesTheRequest(String word, String beforePrevious, String previous, String next,
                                            String afterNext) {
        String normalized = word.replace('\u2019', '\'');
        if (normalized.equals("me")) {
            return previous != null && (FunctionWords.framesBeforeMe(previous)
                    || previous.equals("to") && beforePrevious != null && FunctionWords.framesBeforeMe(beforePrevious)
                    || previous.equals("for") && (next == null || next.equals("please")));
        }
        if (!SUBJECTS.contains(normalized)) {
            return false;
        }
        boolean askedOfYou = normalized.equals("you") && "do".equals(previous)
                && next != null && KNOW.contains(next);
        boolean anybody = previous != null && (MODALS.contains(previous)
                || (previous.equals("do") || previous.equals("does")) && beforePrevious != null
                && HOW.contains(beforePrevious));
        return anybody || askedOfYou || normalized.startsWith("i") && next != null && (FunctionWords.framesAfterI(next)
                || FunctionWords.isBeAfterI(next) && afterNext != null && FunctionWords.framesAfterI(afterNext));
    }
}
