package dev.llmgateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Memory and start-up time of the gateway with the embedded defaults (issue 9). Each repetition starts the
 * jar afresh (see {@link GatewayProcess}) and measures: the time from starting the process to {@code /health/ready}
 * answering 200 (neither the JVM nor Camel logs its own start time at the shipped log levels); resident and
 * proportional memory (RSS and PSS, see {@link ProcessStatus}) and threads after {@value #IDLE_SECONDS} s idle; then,
 * after a fixed load of {@value #CALLS} chat calls at {@value #RATE} per second (one in four streamed;
 * {@value #DISTINCT_PROMPTS} distinct prompts, each asked twice, so the semantic cache embeds and stores the first and
 * answers the second), the same again and the peak resident memory of the whole run.
 * <p>
 * Arguments: {@code JAR REPETITIONS [JAVA_OPTION...]}
 */
public final class FootprintBenchmark {

    private static final int IDLE_SECONDS = 5;
    private static final int CALLS = 2000;
    private static final int RATE = 100;
    private static final int DISTINCT_PROMPTS = CALLS / 2;

    private record Run(double readySeconds, ProcessStatus idle, ProcessStatus loaded,
                       int ok, int failed) {
    }

    private FootprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int repetitions = Integer.parseInt(args[1]);
        List<String> javaOptions = Arrays.asList(args).subList(2, args.length);
        System.out.printf("gateway JVM options: %s; load: %d calls at %d/s after %d s idle%n",
                javaOptions.isEmpty() ? "none" : String.join(" ", javaOptions),
                CALLS, RATE, IDLE_SECONDS);
        System.out.println("| run | start → ready s | RSS idle MB | PSS idle MB | threads idle | "
                + "RSS after load MB | PSS after load MB | peak RSS MB | threads after load | calls ok | calls failed |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= repetitions; i++) {
            Run run = measure(jar, javaOptions);
            runs.add(run);
            System.out.printf("| %d | %.2f | %.0f | %.0f | %d | %.0f | %.0f | %.0f | %d | %d | %d |%n", i,
                    run.readySeconds(), run.idle().rssMb(), run.idle().pssMb(), run.idle().threads(),
                    run.loaded().rssMb(), run.loaded().pssMb(), run.loaded().peakRssMb(), run.loaded().threads(),
                    run.ok(), run.failed());
        }
        System.out.printf("| median | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | | |%n",
                median(runs, Run::readySeconds), median(runs, r -> r.idle().rssMb()), median(runs, r -> r.idle().pssMb()),
                median(runs, r -> r.idle().threads()), median(runs, r -> r.loaded().rssMb()),
                median(runs, r -> r.loaded().pssMb()), median(runs, r -> r.loaded().peakRssMb()),
                median(runs, r -> r.loaded().threads()));
    }

    private static Run measure(Path jar, List<String> javaOptions) throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(jar, javaOptions)) {
            Duration ready = gateway.awaitReady(Duration.ofMinutes(3));
            TimeUnit.SECONDS.sleep(IDLE_SECONDS);
            ProcessStatus idle = ProcessStatus.of(gateway.pid());
            ConstantRateLoad load = new ConstantRateLoad(64);
            try {
                ConstantRateLoad.Result result = load.run(gateway.uri().resolve("/v1/chat/completions"),
                        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + gateway.initialApiKey()),
                        FootprintBenchmark::chatCall, RATE, (double) CALLS / RATE);
                return new Run(ready.toMillis() / 1000.0, idle, ProcessStatus.of(gateway.pid()),
                        result.ok(), result.failed());
            } finally {
                load.close();
            }
        }
    }

    /** Call i asks prompt i mod {@value #DISTINCT_PROMPTS}; the numbers make prompts that no semantic match may serve. */
    private static String chatCall(int i) {
        int prompt = i % DISTINCT_PROMPTS;
        return """
                {"model": "claude-3-haiku", "max_tokens": 40, "stream": %b, "messages": [{"role": "user", "content":
                 "Summarize: order %d left the warehouse in bay %d on day %d and reached the customer %d days later."}]}"""
                .formatted(i % 4 == 0, prompt, prompt % 17, prompt % 28 + 1, prompt % 5 + 1);
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> value) {
        double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
