package dev.llmgateway.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Words as the emulated model reads them: runs of letters, digits and apostrophes; content words are the longer, non-stop ones. */
final class ContentWords {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "then", "of", "to", "in", "on", "at", "by", "for", "with",
            "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
            "those", "i", "you", "he", "she", "we", "they", "me", "my", "your", "our", "their", "his", "her", "do",
            "does", "did", "have", "has", "had", "not", "no", "so", "than", "too", "very", "can", "could", "will",
            "would", "should", "what", "which", "who", "whom", "how", "why", "when", "where", "there", "here",
            "about", "into", "over", "also", "just", "all", "any", "some", "such", "please", "tell");

    private ContentWords() {
    }

    static List<String> wordsOf(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** The content words of a text, lower-cased, in order. */
    static List<String> of(String text) {
        return wordsOf(text).stream().map(w -> w.toLowerCase(Locale.ROOT)).filter(ContentWords::isContentWord)
                .collect(Collectors.toList());
    }

    static boolean isContentWord(String lowerCaseWord) {
        return lowerCaseWord.length() > 2 && !isStopWord(lowerCaseWord);
    }

    static boolean isStopWord(String lowerCaseWord) {
        return STOP_WORDS.contains(lowerCaseWord);
    }
}
