package dev.llmgateway.bench;

import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.testing.TestGateway;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * How many slow token streams the gateway holds at once, and the time to first byte it adds.
 * <p>
 * The emulator writes one token every {@code timePerTokenMs} (100 ms: 100 tokens take 10 s). At each level of
 * concurrency, that many streams are opened at an even rate over 10 s (so that many are open together at the
 * end of the ramp), each one timed from its own scheduled start: straight to the emulator (the AWS SDK's ConverseStream:
 * the baseline) and then through the gateway (OpenAI SSE over HTTP). For each: streams that completed with every
 * chunk, time to first byte p50/p99, and the JVM's live threads at the peak (emulator, gateway and client share
 * this JVM, so a thread per stream would show as hundreds of threads).
 * <p>
 * Run: {@code bench/streams [levels...]}, e.g. {@code bench/streams 100 500 1000}.
 */
public final class StreamingBenchmark {

    private static final int OUTPUT_TOKENS = 100;
    private static final long TIME_PER_TOKEN_MS = 100;
    /** Streams of a level are opened evenly over this time, as long as one stream lasts, so all are open at its end. */
    private static final Duration RAMP = Duration.ofSeconds(10);
    private static final String PROMPT = ("The river flooded the valley in spring and farmers lost their crops. "
            + "The town rebuilt the levee over the summer with help from the county. "
            + "Engineers restored wetlands upstream to absorb water in future storms. ").repeat(8);

    private static final Map<String, Integer> ERRORS = new java.util.concurrent.ConcurrentHashMap<>();

    private StreamingBenchmark() {
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 160 ? message.substring(0, 160) : message;
    }

    public static void main(String[] args) throws Exception {
        int[] levels = args.length == 0 ? new int[] {100, 500, 1000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        try (TestGateway gateway = TestGateway.start(Map.of("LLMGW_GUARDS_TOKENS_MAXOUTPUTTOKENS", "1000"));
             BedrockRuntimeAsyncClient direct = directClient(gateway.emulator().endpoint())) {
            gateway.emulator().configureRegion("us-east-1",
                    RegionBehaviour.builder().timePerTokenMs(TIME_PER_TOKEN_MS).build());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            warmUp(gateway, direct, http);
            System.out.printf("%-28s %8s %10s %12s %12s %10s %8s%n",
                    "path", "streams", "complete", "ttfb p50 ms", "ttfb p99 ms", "duration s", "threads");
            for (int level : levels) {
                print("direct to emulator (SDK)", level, run(level, due -> directStream(direct, due)));
                print("through the gateway (SSE)", level, run(level, due -> gatewayStream(http, gateway.uri("/v1/chat/completions"), due)));
            }
        }
    }

    private static void warmUp(TestGateway gateway, BedrockRuntimeAsyncClient direct, HttpClient http) throws Exception {
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().timePerTokenMs(0).build());
        run(50, due -> directStream(direct, due));
        run(50, due -> gatewayStream(http, gateway.uri("/v1/chat/completions"), due));
        gateway.emulator().configureRegion("us-east-1",
                RegionBehaviour.builder().timePerTokenMs(TIME_PER_TOKEN_MS).build());
    }

    /** The outcome of one stream: when its first byte came (ns after it was sent), how many text chunks arrived, and whether it ended cleanly. */
    record StreamResult(long firstByteNanos, int chunks, boolean completed) {
    }

    record LevelResult(List<StreamResult> streams, long durationNanos, int peakThreads) {
    }

    interface StreamStarter {
        CompletableFuture<StreamResult> start(long scheduledNanos);
    }

    private static LevelResult run(int concurrency, StreamStarter starter) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        long start = System.nanoTime();
        long gapNanos = RAMP.toNanos() / concurrency;
        List<CompletableFuture<StreamResult>> futures = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            long due = start + i * gapNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            futures.add(starter.start(due).exceptionally(e -> {
                ERRORS.merge(rootMessage(e), 1, Integer::sum);
                return new StreamResult(-1, 0, false);
            }));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
        List<StreamResult> results = futures.stream().map(CompletableFuture::join).toList();
        return new LevelResult(results, System.nanoTime() - start, threads.getPeakThreadCount());
    }

    private static CompletableFuture<StreamResult> gatewayStream(HttpClient http, URI uri, long sent) {
        String body = """
                {"model": "claude-3-haiku", "stream": true, "max_tokens": %d,
                 "messages": [{"role": "user", "content": "%s"}]}""".formatted(OUTPUT_TOKENS, PROMPT.trim());
        AtomicInteger chunks = new AtomicInteger();
        long[] firstByte = {-1};
        boolean[] done = {false};
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(new LineCounter(line -> {
                    if (firstByte[0] < 0 && line.startsWith("data: ")) {
                        firstByte[0] = System.nanoTime() - sent;
                    }
                    if (line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                        chunks.incrementAndGet();
                    }
                    if (line.equals("data: [DONE]")) {
                        done[0] = true;
                    }
                })))
                .thenApply(response -> new StreamResult(firstByte[0], chunks.get(), response.statusCode() == 200 && done[0]));
    }

    private static CompletableFuture<StreamResult> directStream(BedrockRuntimeAsyncClient client, long sent) {
        AtomicInteger chunks = new AtomicInteger();
        long[] firstByte = {-1};
        ConverseStreamRequest request = ConverseStreamRequest.builder()
                .modelId("anthropic.claude-3-haiku-20240307-v1:0")
                .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(PROMPT.trim())).build())
                .inferenceConfig(c -> c.maxTokens(OUTPUT_TOKENS))
                .build();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onMessageStart(e -> {
                            if (firstByte[0] < 0) {
                                firstByte[0] = System.nanoTime() - sent;
                            }
                        })
                        .onContentBlockDelta(e -> chunks.incrementAndGet())
                        .build())
                .build();
        return client.converseStream(request, handler).thenApply(v -> new StreamResult(firstByte[0], chunks.get(), true));
    }

    private static BedrockRuntimeAsyncClient directClient(URI endpoint) {
        return BedrockRuntimeAsyncClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench")))
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).maxConcurrency(4096)
                        .readTimeout(Duration.ofMinutes(5)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofMinutes(5)))
                .build();
    }

    private static void print(String path, int level, LevelResult result) {
        int expectedChunks = OUTPUT_TOKENS;
        long complete = result.streams().stream().filter(s -> s.completed() && s.chunks() >= expectedChunks).count();
        long[] ttfb = result.streams().stream().filter(s -> s.firstByteNanos() >= 0)
                .mapToLong(StreamResult::firstByteNanos).sorted().toArray();
        System.out.printf("%-28s %8d %10d %12.1f %12.1f %10.1f %8d%n", path, level, complete,
                percentileMs(ttfb, 0.50), percentileMs(ttfb, 0.99), result.durationNanos() / 1e9, result.peakThreads());
        ERRORS.forEach((message, count) -> System.out.printf("    %d failed: %s%n", count, message));
        ERRORS.clear();
    }

    private static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
