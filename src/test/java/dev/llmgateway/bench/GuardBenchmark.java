package dev.llmgateway.bench;

import dev.llmgateway.guard.injection.InjectionDetector;
import dev.llmgateway.guard.pii.PiiRedactor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.pii.PlaceholderMap;
import dev.llmgateway.guard.text.AdversarialTexts;
import dev.llmgateway.guard.text.InspectionBudget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Consumer;

/**
 * How long the content guards take per KB of prompt, on ordinary prose and on every class of hostile input the
 * linearity tests generate: the injection detector, and PII redaction as teams with upstream redaction run it. Each
 * class is inspected {@value #RUNS} times at the given size after a warm-up; the table gives the median and p99 per
 * KB of the ordinary text, of the median class, and of the worst classes.
 * <p>
 * Run: {@code bench/guards [KB]} (default 64).
 */
public final class GuardBenchmark {

    static final int RUNS = 20;
    private static final String PROSE = "The harbour authority met on Monday to review the spring dredging programme. "
            + "Costs came in twelve percent under budget because two contracts were merged, and the board asked for a "
            + "noise study before work starts in June. Write to ops@harbour.example or call +44 20 7946 0958. ";

    private GuardBenchmark() {
    }

    public static void main(String[] args) {
        int kilobytes = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        InjectionDetector detector = new InjectionDetector();
        PiiRedactor redactor = new PiiRedactor(PiiSettings.defaults());
        Map<String, Consumer<String>> guards = new LinkedHashMap<>();
        guards.put("injection", detector::inspect);
        guards.put("pii redaction", text -> redactor.redact(text, new PlaceholderMap(), InspectionBudget.unlimited()));
        Map<String, IntFunction<String>> classes = new LinkedHashMap<>();
        classes.put("ordinary prose", n -> PROSE.repeat(n / PROSE.length() + 1).substring(0, n));
        classes.putAll(AdversarialTexts.classes(List.of("ignore", "repeat", "print", "you", "system", "忽略", "<|", "human")));
        System.out.printf("%d KB per text, %d runs per class after a warm-up, %d classes%n", kilobytes, RUNS, classes.size());
        System.out.printf("%-14s %-44s %14s %14s%n", "guard", "input class", "median µs/KB", "p99 µs/KB");
        for (Map.Entry<String, Consumer<String>> guard : guards.entrySet()) {
            List<Result> results = new ArrayList<>();
            for (Map.Entry<String, IntFunction<String>> input : classes.entrySet()) {
                results.add(measure(input.getKey(), input.getValue().apply(kilobytes * 1024), guard.getValue()));
            }
            print(guard.getKey(), results.get(0));
            List<Result> byMedian = new ArrayList<>(results);
            byMedian.sort((a, b) -> Double.compare(a.median(), b.median()));
            print(guard.getKey(), new Result("median class (" + byMedian.get(byMedian.size() / 2).input() + ")",
                    byMedian.get(byMedian.size() / 2).median(), byMedian.get(byMedian.size() / 2).p99()));
            for (Result worst : byMedian.subList(Math.max(0, byMedian.size() - 3), byMedian.size())) {
                print(guard.getKey(), new Result("worst: " + worst.input(), worst.median(), worst.p99()));
            }
        }
    }

    private record Result(String input, double median, double p99) {
    }

    private static Result measure(String input, String text, Consumer<String> guard) {
        double[] micros = timedRuns(text, guard);
        double kilobytes = text.length() / 1024.0;
        return new Result(input, micros[RUNS / 2] / kilobytes, micros[(int) Math.ceil(RUNS * 0.99) - 1] / kilobytes);
    }

    /** @return the microseconds of {@value #RUNS} runs of the guard on the text after 3 untimed ones, sorted */
    static double[] timedRuns(String text, Consumer<String> guard) {
        for (int i = 0; i < 3; i++) {
            guard.accept(text);
        }
        double[] micros = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            guard.accept(text);
            micros[i] = (System.nanoTime() - start) / 1_000.0;
        }
        Arrays.sort(micros);
        return micros;
    }

    private static void print(String guard, Result result) {
        System.out.printf("%-14s %-44s %14.1f %14.1f%n", guard, result.input(), result.median(), result.p99());
    }
}
