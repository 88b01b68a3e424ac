package dev.llmgateway.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a deterministic, readable answer to the last user message.
 *
 * <p>A long message gets an extractive summary: sentences are scored by the average frequency of
 * their content words across the whole message, the best ones are taken until a budget of about a
 * quarter of the message's tokens, and they are given back in their original order. A short message
 * is quoted back with its key words. Stop sequences then cut the answer where the first one starts,
 * and {@code maxTokens} cuts it to that many tokens.
 */
final class AnswerGenerator {
    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?])\\s+|\\R\\s*\\R");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");
    private static final int SHORT_MESSAGE_WORDS = 40;
    private static final int QUOTE_WORDS = 25;
    private static final int MIN_SUMMARY_TOKENS = 24;
    private static final int MAX_SUMMARY_TOKENS = 300;
    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "then", "of", "to", "in", "on", "at", "by", "for", "with",
            "from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these",
            "those", "i", "you", "he", "she", "we", "they", "me", "my", "your", "our", "their", "his", "her", "do",
            "does", "did", "have", "has", "had", "not", "no", "so", "than", "too", "very", "can", "could", "will",
            "would", "should", "what", "which", "who", "whom", "how", "why", "when", "where", "there", "here",
            "about", "into", "over", "also", "just", "all", "any", "some", "such", "please", "tell");

    private AnswerGenerator() {
    }

    static GeneratedAnswer answer(ChatPrompt prompt) {
        String draft = compose(prompt.lastUserText().strip());
        StopReason reason = StopReason.END_TURN;
        String matchedStop = null;
        int cut = draft.length();
        for (String stop : prompt.stopSequences()) {
            int at = stop.isEmpty() ? -1 : draft.indexOf(stop);
            if (at >= 0 && at < cut) {
                cut = at;
                matchedStop = stop;
            }
        }
        if (matchedStop != null) {
            reason = StopReason.STOP_SEQUENCE;
            draft = draft.substring(0, cut);
        }
        List<String> pieces = EmulatorTokenizer.pieces(draft);
        if (pieces.size() > prompt.maxTokens()) {
            pieces = pieces.subList(0, prompt.maxTokens());
            draft = String.join("", pieces);
            reason = StopReason.MAX_TOKENS;
            matchedStop = null;
        }
        return new GeneratedAnswer(draft, pieces, reason, matchedStop);
    }

    private static String compose(String message) {
        if (message.isEmpty()) {
            return "There is no question to answer yet. Send a message and I will summarise it.";
        }
        List<String> sentences = sentences(message);
        if (wordsOf(message).size() <= SHORT_MESSAGE_WORDS || sentences.size() < 3) {
            return shortAnswer(message);
        }
        return summary(message, sentences);
    }

    private static String shortAnswer(String message) {
        List<String> words = List.of(message.split("\\s+"));
        String quote = words.size() <= QUOTE_WORDS ? message : String.join(" ", words.subList(0, QUOTE_WORDS)) + " ...";
        List<String> keywords = keywords(message, 3);
        boolean question = message.endsWith("?");
        StringBuilder answer = new StringBuilder(question ? "You asked: \"" : "You said: \"").append(quote).append('"');
        answer.append(quote.matches(".*[.!?]$") ? " " : ". ");
        if (keywords.isEmpty()) {
            answer.append(question ? "The short answer is yes." : "Noted.");
        } else {
            answer.append(question ? "The short answer turns on " : "The key points are ").append(joinWords(keywords)).append('.');
        }
        return answer.toString();
    }

    private static String summary(String message, List<String> sentences) {
        Map<String, Integer> frequency = new HashMap<>();
        for (String word : contentWords(message)) {
            frequency.merge(word, 1, Integer::sum);
        }
        List<Integer> byScore = new ArrayList<>();
        double[] scores = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            List<String> words = contentWords(sentences.get(i));
            scores[i] = words.stream().mapToInt(frequency::get).sum() / (double) Math.max(1, words.size());
            byScore.add(i);
        }
        byScore.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int budget = Math.max(MIN_SUMMARY_TOKENS, Math.min(MAX_SUMMARY_TOKENS, EmulatorTokenizer.count(message) / 4));
        List<Integer> chosen = new ArrayList<>();
        int used = 0;
        for (int index : byScore) {
            int tokens = EmulatorTokenizer.count(sentences.get(index));
            if (chosen.isEmpty() || used + tokens <= budget) {
                chosen.add(index);
                used += tokens;
            }
        }
        return chosen.stream().sorted().map(sentences::get).collect(Collectors.joining(" "));
    }

    private static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String part : SENTENCE_BREAK.split(text)) {
            String sentence = part.strip().replaceAll("\\s+", " ");
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }

    /** The most frequent content words, ties broken by first appearance, spelled as they first appeared. */
    private static List<String> keywords(String text, int limit) {
        Map<String, String> firstSpelling = new LinkedHashMap<>();
        Map<String, Integer> frequency = new HashMap<>();
        for (String word : wordsOf(text)) {
            String key = word.toLowerCase(Locale.ROOT);
            if (isContentWord(key)) {
                firstSpelling.putIfAbsent(key, word);
                frequency.merge(key, 1, Integer::sum);
            }
        }
        // firstSpelling iterates in order of first appearance and the sort is stable, so ties keep that order.
        List<String> ranked = new ArrayList<>(firstSpelling.keySet());
        ranked.sort(Comparator.comparingInt(k -> -frequency.get(k)));
        return ranked.stream().limit(limit).map(firstSpelling::get).collect(Collectors.toList());
    }

    private static String joinWords(List<String> words) {
        if (words.size() == 1) {
            return "\"" + words.get(0) + "\"";
        }
        String head = words.subList(0, words.size() - 1).stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(", "));
        return head + " and \"" + words.get(words.size() - 1) + "\"";
    }

    private static List<String> contentWords(String text) {
        return wordsOf(text).stream().map(w -> w.toLowerCase(Locale.ROOT)).filter(AnswerGenerator::isContentWord)
                .collect(Collectors.toList());
    }

    private static boolean isContentWord(String lowerCaseWord) {
        return lowerCaseWord.length() > 2 && !STOP_WORDS.contains(lowerCaseWord);
    }

    private static List<String> wordsOf(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
