package dev.llmgateway.bench;

import dev.llmgateway.batch.BatchProgress;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Is batch throughput bounded only by the configured concurrency? Small documents are dropped into the inbox at
 * once while every upstream call takes {@value #LATENCY_MS} ms before its first byte (the emulator's
 * firstByteLatencyMs; its quotas stay off, so it never throttles). With concurrency c, at most c calls are in
 * flight, so the best possible rate is c / 0.5 s documents per second; the benchmark reports the rate achieved
 * and its share of that bound, from the moment the files are in the inbox to the last summary, and from the first
 * upstream call to the last summary (leaving out the inbox's first scan).
 * <p>
 * Run: {@code bench/batch [documents] [concurrency levels...]}, e.g. {@code bench/batch 1000 8 32 64}.
 */
public final class BatchBenchmark {

    private static final long LATENCY_MS = 500;
    private static final int WARM_UP_DOCUMENTS = 40;
    private static final String DOCUMENT = "The harbour authority met on Monday to review the spring dredging "
            + "programme. Costs came in twelve percent under budget because two contracts were merged. The board "
            + "approved a second berth for ferries and asked for a noise study before work starts in June. ";

    private BatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int[] levels = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {8, 32, 64};
        System.out.printf("%d documents, upstream latency %d ms%n", documents, LATENCY_MS);
        System.out.printf("%11s %10s %12s %14s %10s %14s %10s %14s%n", "concurrency", "bound/s", "drop->done s",
                "docs/s (share)", "call->done s", "docs/s (share)", "failed", "call p50/max ms");
        for (int level : levels) {
            run(documents, level);
        }
    }

    private static void run(int documents, int concurrency) throws Exception {
        Path root = Files.createTempDirectory("llmgw-bench-batch-");
        String config = """
                batch:
                  concurrency: %d
                  files:
                    enabled: true
                    inbox: %s
                    outbox: %s
                    done: %s
                    error: %s
                    pollMs: 100
                    stableMs: 100
                """.formatted(concurrency, root.resolve("inbox"), root.resolve("outbox"), root.resolve("done"),
                root.resolve("error"));
        List<CallRecord> records = new CopyOnWriteArrayList<>();
        try (TestGateway gateway = TestGateway.start(Map.of(), config)) {
            BatchProgress progress = gateway.application().batchProgress();
            drop(root, "warm-up", WARM_UP_DOCUMENTS);
            awaitFinished(progress, WARM_UP_DOCUMENTS);
            RegionBehaviour slow = RegionBehaviour.builder().firstByteLatencyMs(LATENCY_MS).requestsPerMinute(0)
                    .tokensPerMinute(0).build();
            gateway.emulator().configureRegion("us-east-1", slow);
            gateway.emulator().configureRegion("us-west-2", slow);
            gateway.application().callRecorder().addListener(records::add);

            long dropped = System.nanoTime();
            drop(root, "doc", documents);
            awaitFinished(progress, WARM_UP_DOCUMENTS + documents);
            long finished = System.nanoTime();
            Instant finishedAt = Instant.now();
            Instant firstCall = records.stream().map(CallRecord::receivedAt).min(Instant::compareTo).orElseThrow();
            double callToDone = Duration.between(firstCall, finishedAt).toNanos() / 1e9;
            double dropToDone = (finished - dropped) / 1e9;
            double bound = concurrency * 1000.0 / LATENCY_MS;
            long[] latencies = records.stream().mapToLong(CallRecord::latencyMs).sorted().toArray();
            System.out.printf("%11d %10.1f %12.2f %8.1f (%2.0f%%) %10.2f %8.1f (%2.0f%%) %10d %8d/%d%n", concurrency, bound,
                    dropToDone, documents / dropToDone, 100 * documents / dropToDone / bound, callToDone,
                    documents / callToDone, 100 * documents / callToDone / bound, progress.snapshot().failed(),
                    latencies[latencies.length / 2], latencies[latencies.length - 1]);
        }
    }

    /** Writes the documents outside the inbox, dated a minute back (finished files), then moves them in. */
    private static void drop(Path root, String prefix, int count) throws IOException {
        Path staging = Files.createDirectories(root.resolve("staging"));
        Path inbox = root.resolve("inbox");
        FileTime written = FileTime.from(Instant.now().minusSeconds(60));
        for (int i = 0; i < count; i++) {
            Path file = staging.resolve("%s-%05d.txt".formatted(prefix, i));
            Files.writeString(file, "Document " + i + ". " + DOCUMENT);
            Files.setLastModifiedTime(file, written);
        }
        for (int i = 0; i < count; i++) {
            String name = "%s-%05d.txt".formatted(prefix, i);
            Files.move(staging.resolve(name), inbox.resolve(name));
        }
    }

    private static void awaitFinished(BatchProgress progress, long documents) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (progress.snapshot().done() + progress.snapshot().failed() < documents) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("documents still unfinished after 10 minutes: " + progress.snapshot());
            }
            Thread.sleep(5);
        }
    }
}
