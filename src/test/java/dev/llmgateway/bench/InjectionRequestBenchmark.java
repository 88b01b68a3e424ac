package dev.llmgateway.bench;

import dev.llmgateway.cache.LocalMiniLmEmbedder;
import dev.llmgateway.cache.PromptEmbeddings;
import dev.llmgateway.guard.injection.InjectionClassifier;
import dev.llmgateway.guard.injection.InjectionDetector;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The injection guard's time per request, the rules alone and the rules with the learned classifier as the gateway
 * runs them on the defaults (a text scored only from the model's minWords words on or with a sign the rules found; its
 * windows embedded with all-MiniLM-L6-v2, nothing reused between runs), and with {@code classifier.minWords: 16}, for
 * prompts from a question to a 64 KB document.
 * Each is inspected {@value GuardBenchmark#RUNS} times after a warm-up; the table gives the median and p99 in
 * milliseconds. Then the lexical model alone, which reads every prompt: the mean of {@value #LEXICAL_CALLS} calls after
 * as many to warm up, in microseconds.
 * <p>
 * Run: {@code bench/guards} (after the table per KB).
 */
public final class InjectionRequestBenchmark {

    private static final String PROSE = "The harbour authority met on Monday to review the spring dredging programme. "
            + "Costs came in twelve percent under budget because two contracts were merged, and the board asked for a "
            + "noise study before work starts in June. ";

    private static final int LEXICAL_CALLS = 20_000;

    private InjectionRequestBenchmark() {
    }

    public static void main(String[] args) {
        InjectionDetector rules = new InjectionDetector();
        InjectionClassifier classifier = InjectionClassifier.bundled();
        InjectionClassifier fromSixteen = classifier.withMinWords(16);
        LocalMiniLmEmbedder embedder = new LocalMiniLmEmbedder();
        Map<String, String> prompts = new LinkedHashMap<>();
        prompts.put("question, 9 words", "What is the capital of Peru and its population?");
        prompts.put("prompt, 60 words", words(60));
        prompts.put("prompt, 150 words", words(150));
        prompts.put("document, 500 words", words(500));
        prompts.put("document, 8 KB", PROSE.repeat(8 * 1024 / PROSE.length()));
        prompts.put("document, 64 KB", PROSE.repeat(64 * 1024 / PROSE.length()));
        System.out.printf("injection guard per request, %d runs after a warm-up%n", GuardBenchmark.RUNS);
        System.out.printf("%-22s %-22s %12s %12s%n", "prompt", "detector", "median ms", "p99 ms");
        for (Map.Entry<String, String> prompt : prompts.entrySet()) {
            String text = prompt.getValue();
            print(prompt.getKey(), "rules", measure(text, rules::inspect));
            print(prompt.getKey(), "rules + classifier", measure(text, t -> review(rules, classifier, embedder, t)));
            print(prompt.getKey(), "... from 16 words", measure(text, t -> review(rules, fromSixteen, embedder, t)));
        }
        System.out.printf("%nlexical model alone, mean of %d calls after a warm-up%n", LEXICAL_CALLS);
        for (Map.Entry<String, String> prompt : prompts.entrySet()) {
            System.out.printf("%-22s %10.1f µs%n", prompt.getKey(), lexicalMicros(classifier, prompt.getValue()));
        }
    }

    private static double lexicalMicros(InjectionClassifier classifier, String text) {
        double scores = 0;
        long nanos = 0;
        for (int i = 0; i < 2 * LEXICAL_CALLS; i++) {
            long start = System.nanoTime();
            scores += classifier.lexicalScore(text, InspectionBudget.forCharacters(text.length()));
            if (i >= LEXICAL_CALLS) {
                nanos += System.nanoTime() - start;
            }
        }
        if (Double.isNaN(scores)) { // also keeps the calls from being elided
            throw new IllegalStateException("the lexical model gave no score");
        }
        return nanos / 1_000.0 / LEXICAL_CALLS;
    }

    private static void review(InjectionDetector rules, InjectionClassifier classifier, LocalMiniLmEmbedder embedder,
                               String text) {
        classifier.review(rules.inspect(text), text, InspectionBudget.forCharacters(text.length()),
                () -> new PromptEmbeddings(embedder));
    }

    private static String words(int count) {
        String[] words = PROSE.split(" ");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(words[i % words.length]).append(' ');
        }
        return text.toString();
    }

    private static double[] measure(String text, Consumer<String> guard) {
        double[] micros = GuardBenchmark.timedRuns(text, guard);
        int runs = micros.length;
        return new double[] {micros[runs / 2] / 1_000, micros[(int) Math.ceil(runs * 0.99) - 1] / 1_000};
    }

    private static void print(String prompt, String detector, double[] result) {
        System.out.printf("%-22s %-22s %12.2f %12.2f%n", prompt, detector, result[0], result[1]);
    }
}
