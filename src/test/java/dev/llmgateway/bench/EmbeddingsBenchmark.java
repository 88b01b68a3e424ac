package dev.llmgateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Embeddings throughput, in texts per second: a closed loop of client threads, each sending its next batch as soon as
 * the last one was answered, straight to the Bedrock emulator (InvokeModel) and through the gateway (POST
 * /v1/embeddings), per model and batch size, with the emulator answering at once. Every text is new (a counter in
 * it), so the gateway's vector cache never answers. Both paths keep as many InvokeModel calls in flight: through the
 * gateway, each of the {@code CLIENTS} clients' batches runs as up to 4 calls at once (embeddings.concurrency), so
 * the direct path runs {@code CLIENTS} x min(4, calls per batch) threads, each making one batch's share of calls. CPU
 * per text is the CPU time the serving process (the emulator, or the gateway) used during the run divided by the texts
 * embedded. Each path is warmed up for {@code WARMUP} seconds before it is measured. Started by
 * {@code bench/embeddings}.
 * <p>
 * Arguments: {@code EMULATOR_URL EMULATOR_PID GATEWAY_URL GATEWAY_KEY GATEWAY_PID SECONDS WARMUP CLIENTS}
 */
public final class EmbeddingsBenchmark {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261207/us-east-1/bedrock/"
            + "aws4_request, SignedHeaders=host, Signature=0";
    private static final int GATEWAY_CONCURRENCY = 4;
    private static final List<Integer> BATCHES = List.of(1, 16, 96);
    private static final AtomicLong TEXTS = new AtomicLong();

    /** A model as both paths call it. */
    private record Model(String alias, String modelId, int textsPerCall) {
    }

    private static final List<Model> MODELS = List.of(
            new Model("titan-embed-text-v2", "amazon.titan-embed-text-v2:0", 1),
            new Model("cohere-embed-multilingual-v3", "cohere.embed-multilingual-v3", 96));

    private EmbeddingsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        URI emulator = URI.create(args[0]);
        long emulatorPid = Long.parseLong(args[1]);
        URI gateway = URI.create(args[2]);
        String key = args[3];
        long gatewayPid = Long.parseLong(args[4]);
        double seconds = Double.parseDouble(args[5]);
        double warmup = Double.parseDouble(args[6]);
        int clients = Integer.parseInt(args[7]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf("%-30s %5s %-20s %8s %10s %10s %12s%n", "model", "batch", "path", "texts/s", "p50 ms",
                "p99 ms", "CPU ms/text");
        for (Model model : MODELS) {
            for (int batch : BATCHES) {
                int calls = (batch + model.textsPerCall() - 1) / model.textsPerCall();
                int directThreads = clients * Math.min(GATEWAY_CONCURRENCY, calls);
                int directRequestTexts = Math.min(batch, model.textsPerCall());
                Load direct = new Load(http, directThreads, texts -> HttpRequest.newBuilder(emulator.resolve(
                                "/model/" + model.modelId() + "/invoke"))
                        .header("Content-Type", "application/json").header("Authorization", AUTHORIZATION)
                        .POST(HttpRequest.BodyPublishers.ofString(bedrockBody(model, texts))).build(),
                        directRequestTexts);
                Load through = new Load(http, clients, texts -> HttpRequest.newBuilder(
                                gateway.resolve("/v1/embeddings"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(openAiBody(model, texts))).build(), batch);
                report(model, batch, "direct to emulator", direct, warmup, seconds, emulatorPid);
                report(model, batch, "camel-llm-gateway", through, warmup, seconds, gatewayPid);
            }
        }
    }

    private static void report(Model model, int batch, String path, Load load, double warmup, double seconds,
                               long pid) throws Exception {
        load.run(warmup);
        double cpuBefore = ProcessCpu.millis(pid);
        Load.Result result = load.run(seconds);
        double cpu = ProcessCpu.millis(pid) - cpuBefore;
        System.out.printf("%-30s %5d %-20s %8.0f %10.1f %10.1f %12.3f%s%n", model.alias(), batch, path,
                result.texts() / result.seconds(), result.latency().getValueAtPercentile(50) / 1000.0,
                result.latency().getValueAtPercentile(99) / 1000.0, cpu / Math.max(1, result.texts()),
                result.failures() == 0 ? "" : "  (" + result.failures() + " failed)");
    }

    /** One path's closed loop: {@code threads} clients, each request carrying {@code textsPerRequest} new texts. */
    private record Load(HttpClient http, int threads, IntFunction<HttpRequest> request, int textsPerRequest) {

        record Result(long texts, double seconds, Histogram latency, long failures) {
        }

        Result run(double seconds) throws Exception {
            Histogram latency = new Histogram(3);
            AtomicLong texts = new AtomicLong();
            AtomicLong failures = new AtomicLong();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    clients.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            long sent = System.nanoTime();
                            HttpResponse<Void> answer;
                            try {
                                answer = http.send(request.apply(textsPerRequest),
                                        HttpResponse.BodyHandlers.discarding());
                            } catch (IOException e) {
                                // a pooled connection the server closed while another path ran: counted, not fatal
                                failures.incrementAndGet();
                                continue;
                            }
                            long micros = (System.nanoTime() - sent) / 1000;
                            if (answer.statusCode() == 200) {
                                texts.addAndGet(textsPerRequest);
                                synchronized (latency) {
                                    latency.recordValue(micros);
                                }
                            } else {
                                failures.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> client : clients) {
                    client.get();
                }
            } finally {
                pool.shutdownNow();
            }
            return new Result(texts.get(), (System.nanoTime() - start) / 1e9, latency, failures.get());
        }
    }

    private static List<String> newTexts(int count) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add("Ticket " + TEXTS.incrementAndGet() + ": the customer in Lima reports that the invoice for "
                    + "the May order lists two pallets of tiles, but only one arrived at the warehouse on Tuesday.");
        }
        return texts;
    }

    private static String bedrockBody(Model model, int count) {
        List<String> texts = newTexts(count);
        if (model.textsPerCall() == 1) {
            return "{\"inputText\": " + quoted(texts.get(0)) + ", \"dimensions\": 1024, \"normalize\": true}";
        }
        return "{\"texts\": [" + String.join(", ", texts.stream().map(EmbeddingsBenchmark::quoted).toList())
                + "], \"input_type\": \"search_document\", \"truncate\": \"NONE\"}";
    }

    private static String openAiBody(Model model, int count) {
        return "{\"model\": \"" + model.alias() + "\", \"input\": ["
                + String.join(", ", newTexts(count).stream().map(EmbeddingsBenchmark::quoted).toList()) + "]}";
    }

    /** The texts hold no character JSON must escape. */
    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
