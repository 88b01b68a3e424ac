package dev.llmgateway.embed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.EmbeddingRequest;
import dev.llmgateway.chat.Embeddings;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.failover.RegionAttempts;
import dev.llmgateway.failover.RegionFailover;
import dev.llmgateway.guard.tokens.TokenEstimator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * Embeds a request's texts: vectors already in the {@link VectorCache} are taken from it, the other distinct texts go
 * to Bedrock's InvokeModel through camel-aws-bedrock in as few calls as the model takes, with bounded concurrency
 * ({@link BoundedBatches}), each call failing over across the model's regions as chat calls do ({@link RegionAttempts},
 * all of one request's calls within one deadline). The vectors come back in the request's order.
 */
public class FailoverEmbeddingsCaller implements Processor {

    /** Response header: how many of the request's texts were answered from the vector cache, e.g. "3/16". */
    public static final String CACHED_HEADER = "x-llmgateway-embeddings-cached";
    private static final String ENDPOINT = "aws-bedrock:embeddings?operation=invokeEmbeddingsModel&pojoRequest=true"
            + "&bedrockRuntimeClient=#bedrock-%1$s&bedrockRuntimeAsyncClient=#bedrock-async-%1$s";
    private static final String INPUT_TOKENS_HEADER = "X-Amzn-Bedrock-Input-Token-Count";

    private final RegionFailover failover;
    private final VectorCache cache;
    private final BoundedBatches batches;
    /** Resolved once per region: resolving an endpoint URI normalizes it, which is a measurable cost per call. */
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;

    public FailoverEmbeddingsCaller(RegionFailover failover, VectorCache cache, BoundedBatches batches) {
        this.failover = failover;
        this.cache = cache;
        this.batches = batches;
    }

    /** One upstream call's answer. */
    private record BatchAnswer(List<float[]> vectors, int inputTokens, String region, String modelId) {
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        GatewayCall call = GatewayCall.of(exchange);
        EmbeddingRequest request = call.embeddingRequest();
        ModelSpec model = call.model();
        EmbeddingModel kind = EmbeddingModel.of(model.family());
        List<String> texts = request.texts();
        float[][] vectors = new float[texts.size()][];
        Map<String, List<Integer>> uncached = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            vectors[i] = cache.find(key(model, request, texts.get(i)));
            if (vectors[i] == null) {
                uncached.computeIfAbsent(texts.get(i), text -> new ArrayList<>(1)).add(i);
            }
        }
        int cached = texts.size() - uncached.values().stream().mapToInt(List::size).sum();
        call.addResponseHeader(CACHED_HEADER, cached + "/" + texts.size());
        List<List<String>> calls = partition(new ArrayList<>(uncached.keySet()), kind.textsPerCall());
        List<RegionAttempts> attempts = new ArrayList<>(calls.size());
        calls.forEach(batch -> attempts.add(failover.start(model, call.upstreamTrace())));
        if (!attempts.isEmpty()) {
            attempts.get(0).exposeOn(call);
        }
        long start = System.nanoTime();
        AtomicInteger billedTokens = new AtomicInteger();
        AtomicReference<BatchAnswer> firstAnswered = new AtomicReference<>();
        try {
            batches.run(calls.size(), index -> {
                try {
                    BatchAnswer answer = embed(exchange, attempts.get(index), kind, calls.get(index), request);
                    billedTokens.addAndGet(answer.inputTokens());
                    firstAnswered.compareAndSet(null, answer);
                    // cached at once: what a failed request did get is not paid for twice when it is sent again
                    List<String> batch = calls.get(index);
                    for (int t = 0; t < batch.size(); t++) {
                        float[] vector = answer.vectors().get(t);
                        cache.put(key(model, request, batch.get(t)), vector);
                        uncached.get(batch.get(t)).forEach(i -> vectors[i] = vector);
                    }
                    return answer;
                } catch (RuntimeException e) {
                    attempts.get(index).exposeOn(call);
                    throw e;
                }
            });
        } finally {
            BatchAnswer first = firstAnswered.get();
            if (first != null) {
                call.setUpstreamNanos(System.nanoTime() - start);
            }
            // on a failure too: the calls that were answered are billed, and their tokens go to the ledger
            List<float[]> answered = Arrays.stream(vectors).anyMatch(Objects::isNull) ? List.of() : List.of(vectors);
            call.setEmbeddings(new Embeddings(answered, new Usage(billedTokens.get(), 0),
                    first == null ? null : first.region(), first == null ? null : first.modelId(), cached));
        }
    }

    private static VectorCache.Key key(ModelSpec model, EmbeddingRequest request, String text) {
        return VectorCache.Key.of(model.alias(), request.dimensions(), request.inputType(), text);
    }

    private static List<List<String>> partition(List<String> texts, int size) {
        List<List<String>> parts = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += size) {
            parts.add(texts.subList(from, Math.min(texts.size(), from + size)));
        }
        return parts;
    }

    /** One upstream call, region after region until one answers or the deadline comes. */
    private BatchAnswer embed(Exchange exchange, RegionAttempts attempts, EmbeddingModel kind, List<String> texts,
                              EmbeddingRequest request) {
        byte[] body = kind.requestBody(texts, request.dimensions(), request.inputType());
        while (true) {
            for (Optional<RegionAttempts.Attempt> next = attempts.next(); next.isPresent(); next = attempts.next()) {
                RegionAttempts.Attempt attempt = next.get();
                ModelSpec.RegionTarget target = attempt.target();
                Exchange result = producer(exchange).send(endpoint(exchange, target.region()), upstream ->
                        upstream.getMessage().setBody(InvokeModelRequest.builder()
                                .modelId(target.modelId())
                                .contentType("application/json")
                                .accept("application/json")
                                .body(SdkBytes.fromByteArrayUnsafe(body))
                                .overrideConfiguration(c -> c.apiCallTimeout(
                                        Duration.ofNanos(attempt.remainingNanos())))
                                .build()));
                if (result.getException() != null) {
                    attempt.failed(result.getException());
                    continue;
                }
                attempt.answered();
                return answer(result.getMessage().getBody(InvokeModelResponse.class), kind, texts, request, target);
            }
            try {
                Thread.sleep(attempts.endRound());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GatewayException(503, "upstream_error", "interrupted",
                        "The gateway is stopping; retry the request.");
            }
        }
    }

    private static BatchAnswer answer(InvokeModelResponse response, EmbeddingModel kind, List<String> texts,
                                      EmbeddingRequest request, ModelSpec.RegionTarget target) {
        try {
            JsonNode json = Json.MAPPER.readTree(response.body().asInputStream());
            List<float[]> vectors = kind.vectors(json, texts.size(), request.dimensions());
            return new BatchAnswer(vectors, inputTokens(response, json, texts), target.region(), target.modelId());
        } catch (IOException | IllegalStateException e) {
            throw new GatewayException(502, "upstream_error", "upstream_invalid_answer", "Bedrock's answer from "
                    + target.region() + " held no usable embeddings (" + e.getMessage() + ").");
        }
    }

    /** Bedrock's count (its header, or Titan's body); the gateway's own count if Bedrock gave none. */
    private static int inputTokens(InvokeModelResponse response, JsonNode json, List<String> texts) {
        Optional<String> header = response.sdkHttpResponse() == null ? Optional.empty()
                : response.sdkHttpResponse().firstMatchingHeader(INPUT_TOKENS_HEADER);
        if (header.isPresent() && header.get().matches("\\d{1,9}")) {
            return Integer.parseInt(header.get());
        }
        if (json.path("inputTextTokenCount").canConvertToInt()) {
            return json.path("inputTextTokenCount").intValue();
        }
        return texts.stream().mapToInt(TokenEstimator::rawCount).sum();
    }

    private Endpoint endpoint(Exchange exchange, String region) {
        return endpoints.computeIfAbsent(region, r -> exchange.getContext().getEndpoint(ENDPOINT.formatted(r)));
    }

    private ProducerTemplate producer(Exchange exchange) {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = exchange.getContext().createProducerTemplate();
                }
            }
        }
        return producer;
    }
}
