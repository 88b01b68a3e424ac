package dev.llmgateway.bench;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * How many slow token streams the gateway holds at once, and the time to first byte it adds. Started by
 * {@code bench/streams}, which runs the emulator, the gateway and this load client each in its own process.
 * <p>
 * The emulator writes one token every {@code TIME_PER_TOKEN_MS}; each answer is {@link StreamPrompt#OUTPUT_TOKENS}
 * tokens. Each level is held for {@value #HELD_DURATIONS} stream durations after it has built up (see
 * {@link StreamLevel}): its number of streams open throughout, each new stream timed while that many run; straight to
 * the emulator (ConverseStream read as raw event-stream messages: the baseline, {@link RawConverseStreams}), then
 * through the gateway (OpenAI SSE), both over the same HTTP/1.1 client ({@link StreamStarter#post}). For each path:
 * streams started and complete with every chunk; time to first byte p50/p99/max of the timed streams from each one's
 * scheduled start, and for the gateway the time it adds over the baseline; the cores the path's server process (the
 * emulator, the gateway) used on average over the level; the gateway's peak live threads and resident memory and its
 * PSS at the level's end; and how often a thread of this client woke late meanwhile ({@link WakeUpDelays}: a tail no
 * longer than those stalls is the machine's). One path at a time: warmed up with the highest level's streams until its
 * server's JIT is quiet ({@link JitWarmUp}), then run at each level, before the next path starts, so that no server
 * is measured after sitting idle through the other path's levels (see {@link OverheadBenchmark}).
 * <p>
 * Arguments: {@code EMULATOR_URL EMULATOR_PID GATEWAY_URL GATEWAY_KEY GATEWAY_PID TIME_PER_TOKEN_MS LEVEL...}
 */
public final class StreamingBenchmark {

    /** Two durations: twice the level's streams timed at full concurrency, so the p99 is not a handful of streams. */
    private static final int HELD_DURATIONS = 2;

    private StreamingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            StreamStarter.Client.close();
        }
    }

    private static void run(String[] args) throws Exception {
        URI emulator = URI.create(args[0]);
        long emulatorPid = Long.parseLong(args[1]);
        URI gateway = URI.create(args[2]);
        String key = args[3];
        long gatewayPid = Long.parseLong(args[4]);
        long timePerTokenMs = Long.parseLong(args[5]);
        long durationNanos = TimeUnit.MILLISECONDS.toNanos(timePerTokenMs * StreamPrompt.OUTPUT_TOKENS);
        EmulatorRegion region = new EmulatorRegion(emulator);
        GatewaySseStreams throughGateway = new GatewaySseStreams(gateway, key);
        RawConverseStreams direct = new RawConverseStreams(emulator);
        region.timePerTokenMs(timePerTokenMs);
        int[] levels = Arrays.stream(args, 6, args.length).mapToInt(Integer::parseInt).toArray();
        double startsPerSecond = Arrays.stream(levels).max().orElse(0) / (durationNanos / 1e9);
        Measured[] baselines = warmUpThenRun("direct (emulator)", direct, emulatorPid, false, levels, durationNanos,
                startsPerSecond);
        Measured[] proxied = warmUpThenRun("gateway", throughGateway, gatewayPid, true, levels, durationNanos,
                startsPerSecond);
        System.out.printf("streams of %d tokens, one every %d ms%n", StreamPrompt.OUTPUT_TOKENS, timePerTokenMs);
        System.out.println("| streams | path | started | complete | timed | TTFB p50 ms | TTFB p99 ms | TTFB max ms | added p50 ms | "
                + "added p99 ms | duration s | server CPU cores | gateway peak threads | gateway peak RSS MB | "
                + "gateway PSS MB at end | client wake-ups >10 ms late (worst ms) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < levels.length; i++) {
            print("direct (emulator)", baselines[i], null);
            print("gateway (SSE)", proxied[i], baselines[i].level());
        }
    }

    /** Warms one path up with the highest level's streams until its server's JIT is quiet, then runs every level. */
    private static Measured[] warmUpThenRun(String name, StreamStarter path, long serverPid, boolean gateway,
                                            int[] levels, long durationNanos, double startsPerSecond) throws Exception {
        System.out.println(JitWarmUp.run(name, serverPid, seconds -> warmUpSlice(path, startsPerSecond, seconds)));
        Measured[] measured = new Measured[levels.length];
        for (int i = 0; i < levels.length; i++) {
            measured[i] = Measured.run(levels[i], durationNanos, path, serverPid, gateway);
        }
        return measured;
    }

    /**
     * One path's level, with the cores its server process used on average over it (the emulator's on the direct
     * path) and, for the gateway, its peak threads and memory.
     */
    private record Measured(StreamLevel level, double serverCores, PeakSampler.Peaks gateway) {

        static Measured run(int streams, long durationNanos, StreamStarter path, long serverPid, boolean gateway)
                throws Exception {
            PeakSampler sampler = gateway ? PeakSampler.start(serverPid) : null;
            double cpuBefore = ProcessCpu.millis(serverPid);
            StreamLevel level = StreamLevel.run(streams, durationNanos, HELD_DURATIONS, path);
            double cores = (ProcessCpu.millis(serverPid) - cpuBefore) / 1000 / level.seconds();
            return new Measured(level, cores, sampler == null ? null : sampler.peaks());
        }
    }

    /**
     * The streams of the highest level, started at its rate for {@code seconds} and read to their end: the JIT
     * settles on the paths the levels take (slow streams relayed while new ones start), not those of fast streams.
     */
    private static void warmUpSlice(StreamStarter path, double startsPerSecond, double seconds) throws Exception {
        StreamLevel.run((int) (startsPerSecond * seconds), (long) (seconds * 1e9), 0, path);
    }

    private static void print(String path, Measured measured, StreamLevel baseline) {
        StreamLevel level = measured.level();
        PeakSampler.Peaks gateway = measured.gateway();
        System.out.printf("| %d | %s | %d | %d | %d | %.1f | %.1f | %.1f | %s | %s | %.1f | %.2f | %s | %s | %s | %s |%n",
                level.streams(), path, level.started(), level.complete(), level.timed(), level.firstByteMs(50), level.firstByteMs(99), level.firstByteMs(100),
                baseline == null ? "-" : String.format("%.1f", level.firstByteMs(50) - baseline.firstByteMs(50)),
                baseline == null ? "-" : String.format("%.1f", level.firstByteMs(99) - baseline.firstByteMs(99)),
                level.seconds(), measured.serverCores(), gateway == null ? "-" : Integer.toString(gateway.threads()),
                gateway == null ? "-" : String.format("%.0f", gateway.rssMb()),
                gateway == null ? "-" : String.format("%.0f", gateway.pssMb()), level.wakeUps());
        level.errors().forEach((message, count) -> System.out.printf("    %d failed: %s%n", count, message));
    }
}
