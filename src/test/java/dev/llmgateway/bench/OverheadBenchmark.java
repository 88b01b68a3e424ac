package dev.llmgateway.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The latency the gateway adds to a call: the same fixed-rate load (see {@link ConstantRateLoad}) straight to the
 * Bedrock emulator (Converse), through the gateway (OpenAI chat completions) and through a peer gateway when one
 * is given, with the emulator answering at once. Added latency at a percentile
 * is the path's latency minus the direct one. CPU per call is the CPU time a process used during the path's run divided
 * by the calls answered: the server's (the emulator for the direct path, else the gateway or the peer; the emulator's
 * share on those paths is its direct figure) and this load client's. Unlike latency on a shared machine, it hardly
 * depends on what else runs, and the three together say how much of the 2 cores a rate needs. The last column counts
 * this client's late wake-ups during the run ({@link WakeUpDelays}): a p99 no longer than those stalls is the
 * machine's. One path at a time: warmed up at the highest rate until its process's JIT is quiet ({@link JitWarmUp}),
 * then run at each rate, before the next path starts. Measured right after its own load, a path's process has not sat
 * idle while another path ran: after 45 s of that, the gateway's JIT log showed about a hundred methods deoptimized
 * when calls resumed and its C2 compiler busy for the next ten seconds, counted in its p99. Started by
 * {@code bench/overhead}, which runs each part in its own process.
 * <p>
 * Arguments: {@code EMULATOR_URL EMULATOR_PID GATEWAY_URL GATEWAY_KEY GATEWAY_PID PEER_URL|- PEER_PID|- SECONDS RATE...}
 */
public final class OverheadBenchmark {

    private static final String PROMPT = "Summarize: the bridge opened in May and traffic in the old town fell by a third.";
    private static final String MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";
    private static final int CONNECTIONS = 256;
    /**
     * @param body the body of call number i (a tool round trip alternates its two calls)
     * @param pid  the process serving this path, whose CPU per call is reported
     */
    record Path(String name, URI uri, Map<String, String> headers, IntFunction<String> body, long pid) {
    }

    private OverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI emulator = URI.create(args[0]);
        long emulatorPid = Long.parseLong(args[1]);
        URI gateway = URI.create(args[2]);
        String key = args[3];
        long gatewayPid = Long.parseLong(args[4]);
        String peer = args[5];
        double seconds = Double.parseDouble(args[7]);
        List<Integer> rates = new ArrayList<>();
        for (int i = 8; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        List<Path> paths = new ArrayList<>(List.of(direct(emulator, emulatorPid),
                throughGateway(gateway, key, gatewayPid)));
        if (ToolRoundTrips.SCENARIO.equals(System.getProperty("bench.scenario"))) {
            paths.add(1, ToolRoundTrips.direct(emulator, DIRECT_HEADERS, MODEL_ID, emulatorPid));
            paths.add(ToolRoundTrips.throughGateway(gateway, key, gatewayPid));
        } else if (ImageRequests.SCENARIO.equals(System.getProperty("bench.scenario"))) {
            paths.add(1, ImageRequests.direct(emulator, DIRECT_HEADERS, MODEL_ID, emulatorPid));
            paths.add(ImageRequests.throughGateway(gateway, key, gatewayPid));
        } else if (!"-".equals(peer)) {
            paths.add(throughPortkey(URI.create(peer), emulator, Long.parseLong(args[6])));
        }
        long clientPid = ProcessHandle.current().pid();
        int highestRate = rates.stream().mapToInt(Integer::intValue).max().orElseThrow();
        ConstantRateLoad load = new ConstantRateLoad(CONNECTIONS);
        Map<Path, List<Run>> runs = new LinkedHashMap<>();
        try {
            for (Path path : paths) {
                System.out.println(JitWarmUp.run(path.name() + " at " + highestRate + "/s", path.pid(),
                        slice -> load.run(path.uri(), path.headers(), path.body(), highestRate, slice)));
                List<Run> inRateOrder = new ArrayList<>();
                for (int rate : rates) {
                    inRateOrder.add(measure(load, path, rate, seconds, clientPid));
                }
                runs.put(path, inRateOrder);
            }
        } finally {
            load.close();
        }
        printTable(paths, rates, runs);
    }

    /** One measured run: what the load client saw, the CPU each side used per call, and the client's late wake-ups. */
    private record Run(ConstantRateLoad.Result result, String serverCpu, String clientCpu, WakeUpDelays.Summary stalls) {
    }

    /** A run at {@code rate} after five unrecorded seconds at that rate (the connection pool filled, the rate reached). */
    private static Run measure(ConstantRateLoad load, Path path, int rate, double seconds, long clientPid)
            throws InterruptedException {
        load.run(path.uri(), path.headers(), path.body(), rate, Math.min(5, seconds));
        double serverBefore = ProcessCpu.millis(path.pid());
        double clientBefore = ProcessCpu.millis(clientPid);
        WakeUpDelays wakeUps = WakeUpDelays.start();
        ConstantRateLoad.Result result = load.run(path.uri(), path.headers(), path.body(), rate, seconds);
        WakeUpDelays.Summary stalls = wakeUps.stop();
        return new Run(result, perCall(ProcessCpu.millis(path.pid()) - serverBefore, result.ok()),
                perCall(ProcessCpu.millis(clientPid) - clientBefore, result.ok()), stalls);
    }

    /** One row per path and rate, in the order the rates were given (a rate given twice gets two rows). */
    private static void printTable(List<Path> paths, List<Integer> rates, Map<Path, List<Run>> runs) {
        System.out.println();
        System.out.println("| rate/s | path | ok | errors | p50 ms | p90 ms | p99 ms | max ms | added p50 ms "
                + "| added p99 ms | server CPU ms/call | client CPU ms/call | client wake-ups >10 ms late (worst ms) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) {
            int rate = rates.get(i);
            Histogram baseline = runs.get(paths.get(0)).get(i).result().latencyMicros();
            for (Path path : paths) {
                Run run = runs.get(path).get(i);
                ConstantRateLoad.Result result = run.result();
                Histogram h = result.latencyMicros();
                System.out.printf("| %d | %s | %d | %d | %.2f | %.2f | %.2f | %.1f | %s | %s | %s | %s | %s |%n", rate,
                        path.name(), result.ok(), result.failed(), ms(h, 50), ms(h, 90), ms(h, 99),
                        h.getMaxValue() / 1000.0,
                        h == baseline ? "-" : String.format("%.2f", ms(h, 50) - ms(baseline, 50)),
                        h == baseline ? "-" : String.format("%.2f", ms(h, 99) - ms(baseline, 99)), run.serverCpu(),
                        run.clientCpu(), run.stalls());
                if (!result.failures().isEmpty()) {
                    failures.add(rate + "/s " + path.name() + ": " + result.failures());
                }
            }
        }
        failures.forEach(failure -> System.out.println("errors at " + failure));
    }

    private static String perCall(double cpuMillis, int calls) {
        return calls == 0 ? "-" : String.format("%.2f", cpuMillis / calls);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static final Map<String, String> DIRECT_HEADERS = Map.of("Content-Type", "application/json",
            "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/us-east-1/bedrock/aws4_request, "
                    + "SignedHeaders=host, Signature=0");

    private static Path direct(URI emulator, long pid) {
        String body = """
                {"messages": [{"role": "user", "content": [{"text": "%s"}]}], "inferenceConfig": {"maxTokens": 20}}"""
                .formatted(PROMPT);
        return new Path("direct to emulator", ToolRoundTrips.converse(emulator, MODEL_ID), DIRECT_HEADERS, i -> body,
                pid);
    }

    private static String openAiBody(String model) {
        return """
                {"model": "%s", "max_tokens": 20, "messages": [{"role": "user", "content": "%s"}]}"""
                .formatted(model, PROMPT);
    }

    private static Path throughGateway(URI gateway, String key, long pid) {
        return new Path("camel-llm-gateway", gateway.resolve("/v1/chat/completions"),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + key),
                i -> openAiBody("claude-3-haiku"), pid);
    }

    private static Path throughPortkey(URI portkey, URI emulator, long pid) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-portkey-provider", "bedrock");
        headers.put("x-portkey-aws-region", "us-east-1");
        headers.put("x-portkey-aws-access-key-id", "AKIDEXAMPLE");
        headers.put("x-portkey-aws-secret-access-key", "secret");
        headers.put("x-portkey-custom-host", emulator.toString());
        String body = openAiBody(MODEL_ID);
        return new Path("portkey gateway 1.15.2", portkey.resolve("/v1/chat/completions"), headers, i -> body, pid);
    }
}
