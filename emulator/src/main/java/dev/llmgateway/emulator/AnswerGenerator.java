package dev.llmgateway.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a deterministic, readable answer to the last user message.
 *
 * <p>When the model calls tools ({@link ToolCaller} decides), the answer is those calls, after a one-sentence
 * text when the tool choice is {@code auto}. When the last user turn carries tool results, the answer
 * reports them ({@link ToolResultReply}). Otherwise a long message gets an extractive summary: sentences
 * are scored by the average frequency of their content words across the whole message, the best ones are
 * taken until a budget of about a quarter of the message's tokens, and they are given back in their
 * original order; a short message is quoted back with its key words. Any text starts by saying what images
 * and documents the last user turn carried ({@link MediaSentences}); a turn of only those is answered with that alone.
 *
 * <p>Stop sequences then cut the text where the first one starts, and {@code maxTokens} cuts the answer to
 * that many tokens (text pieces plus the pieces of each tool input's JSON). Either cut drops the tool calls:
 * the model stopped before it called them.
 */
final class AnswerGenerator {
    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?])\\s+|\\R\\s*\\R");
    private static final int SHORT_MESSAGE_WORDS = 40;
    private static final int QUOTE_WORDS = 25;
    private static final int MIN_SUMMARY_TOKENS = 24;
    private static final int MAX_SUMMARY_TOKENS = 300;

    private AnswerGenerator() {
    }

    static GeneratedAnswer answer(ChatPrompt prompt) {
        List<ToolCall> calls = ToolCaller.calls(prompt);
        ChatPrompt.Turn lastUserTurn = prompt.lastUserTurn();
        String seen = MediaSentences.of(lastUserTurn.media());
        String draft;
        if (!calls.isEmpty()) {
            draft = prompt.tools().choice().mode() == ToolChoice.Mode.AUTO ? sentences(seen, announcement(calls)) : "";
        } else if (prompt.answerSchema() != null) {
            draft = ToolInputBuilder.inputFor(prompt.answerSchema(), prompt.lastUserText()).toString();
        } else if (!lastUserTurn.toolResults().isEmpty()) {
            draft = sentences(seen, ToolResultReply.compose(prompt));
        } else if (!seen.isEmpty() && lastUserTurn.text().isBlank()) {
            draft = seen;
        } else {
            draft = sentences(seen, compose(prompt.lastUserText().strip()));
        }
        return limited(draft, calls, prompt);
    }

    private static String sentences(String first, String then) {
        return first.isEmpty() ? then : first + " " + then;
    }

    private static GeneratedAnswer limited(String draft, List<ToolCall> calls, ChatPrompt prompt) {
        String matchedStop = null;
        int cut = draft.length();
        for (String stop : prompt.stopSequences()) {
            int at = stop.isEmpty() ? -1 : draft.indexOf(stop);
            if (at >= 0 && at < cut) {
                cut = at;
                matchedStop = stop;
            }
        }
        String text = draft.substring(0, cut);
        List<String> pieces = EmulatorTokenizer.pieces(text);
        List<AnswerBlock.ToolUse> uses = matchedStop != null ? List.of()
                : calls.stream().map(AnswerBlock.ToolUse::of).collect(Collectors.toList());
        int tokens = pieces.size() + uses.stream().mapToInt(use -> use.pieces().size()).sum();
        if (tokens > prompt.maxTokens()) {
            List<String> kept = pieces.subList(0, Math.min(pieces.size(), prompt.maxTokens()));
            return GeneratedAnswer.text(new AnswerBlock.Text(String.join("", kept), kept), StopReason.MAX_TOKENS, null);
        }
        if (matchedStop != null) {
            return GeneratedAnswer.text(new AnswerBlock.Text(text, pieces), StopReason.STOP_SEQUENCE, matchedStop);
        }
        if (uses.isEmpty()) {
            return GeneratedAnswer.text(new AnswerBlock.Text(text, pieces), StopReason.END_TURN, null);
        }
        List<AnswerBlock> blocks = new ArrayList<>();
        if (!text.isEmpty()) {
            blocks.add(new AnswerBlock.Text(text, pieces));
        }
        blocks.addAll(uses);
        return new GeneratedAnswer(blocks, StopReason.TOOL_USE, null);
    }

    private static String announcement(List<ToolCall> calls) {
        List<String> names = calls.stream().map(ToolCall::name).distinct().collect(Collectors.toList());
        String listed = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return "I will use " + listed + " to answer that.";
    }

    private static String compose(String message) {
        if (message.isEmpty()) {
            return "There is no question to answer yet. Send a message and I will summarise it.";
        }
        List<String> sentences = sentences(message);
        if (ContentWords.wordsOf(message).size() <= SHORT_MESSAGE_WORDS || sentences.size() < 3) {
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
        for (String word : ContentWords.of(message)) {
            frequency.merge(word, 1, Integer::sum);
        }
        List<Integer> byScore = new ArrayList<>();
        double[] scores = new double[sentences.size()];
        for (int i = 0; i < sentences.size(); i++) {
            List<String> words = ContentWords.of(sentences.get(i));
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
        for (String word : ContentWords.wordsOf(text)) {
            String key = word.toLowerCase(Locale.ROOT);
            if (ContentWords.isContentWord(key)) {
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
}
