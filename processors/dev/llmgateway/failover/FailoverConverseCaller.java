package dev.llmgateway.failover;

import dev.llmgateway.bedrock.ConverseRequestBuilder;
import dev.llmgateway.bedrock.ConverseResponseReader;
import dev.llmgateway.bedrock.UpstreamCallListener;
import dev.llmgateway.bedrock.UpstreamErrors;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.GatewayExchange;
import dev.llmgateway.chat.ModelSpec;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

/**
 * Calls Bedrock's Converse through camel-aws-bedrock, moving to the next region of the model at once when a
 * region throttles, fails or times out (a refused request is not retried anywhere). Regions whose circuit
 * breaker is open are skipped. After a round in which no region answered it waits (exponential backoff, full
 * jitter, the upstream's retry hint as a floor) and goes round again, until the request's deadline. When the
 * deadline comes first the client is told what the regions said: 429 with Retry-After when they throttle.
 */
public class FailoverConverseCaller implements Processor {

    /** The waits between rounds this request made, in milliseconds (a List of Long). */
    public static final String RETRY_DELAYS = "llmgateway.retryDelaysMs";
    /** The regions this request tried, in order (a List of String). */
    public static final String REGIONS_TRIED = "llmgateway.regionsTried";

    private static final String ENDPOINT = "aws-bedrock:chat?operation=converse&pojoRequest=true"
            + "&bedrockRuntimeClient=#bedrock-%1$s&bedrockRuntimeAsyncClient=#bedrock-async-%1$s";

    private final FailoverSettings settings;
    private final RegionBreakers breakers;
    private final FullJitterBackoff backoff;
    private final UpstreamCallListener listener;
    private volatile ProducerTemplate producer;

    public FailoverConverseCaller(FailoverSettings settings, RegionBreakers breakers) {
        this(settings, breakers, UpstreamCallListener.NONE);
    }

    /** @param listener told how each attempt ended */
    public FailoverConverseCaller(FailoverSettings settings, RegionBreakers breakers, UpstreamCallListener listener) {
        this.settings = settings;
        this.breakers = breakers;
        this.backoff = new FullJitterBackoff(settings.backoffBaseMs(), settings.backoffMaxMs());
        this.listener = listener;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        ChatRequest request = GatewayExchange.chatRequest(exchange);
        ModelSpec model = GatewayExchange.model(exchange);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.deadlineMs());
        List<Long> delays = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        exchange.setProperty(RETRY_DELAYS, delays);
        exchange.setProperty(REGIONS_TRIED, tried);
        GatewayException last = null;
        for (int round = 1; ; round++) {
            long hintMs = 0;
            boolean attempted = false;
            for (ModelSpec.RegionTarget target : model.targets()) {
                CircuitBreaker breaker = breakers.of(target.region(), target.modelId());
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0 || !breaker.tryAcquirePermission()) {
                    continue;
                }
                attempted = true;
                tried.add(target.region());
                GatewayException failure = attempt(exchange, request, target, breaker, remainingNanos);
                if (failure == null) {
                    return;
                }
                last = failure;
                hintMs = Math.max(hintMs, UpstreamErrors.retryHintMs(failure));
            }
            if (!attempted && last == null) {
                throw allRegionsOpen(model);
            }
            long delay = backoff.delayMs(round, hintMs);
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= deadline) {
                throw exhausted(model, last, delay);
            }
            delays.add(delay);
            Thread.sleep(delay);
        }
    }

    /** @return null when the region answered (the answer is on the exchange), else the retryable failure */
    private GatewayException attempt(Exchange exchange, ChatRequest request, ModelSpec.RegionTarget target,
                                     CircuitBreaker breaker, long remainingNanos) {
        long start = System.nanoTime();
        Exchange result = producer(exchange).send(ENDPOINT.formatted(target.region()), call -> call.getMessage()
                .setBody(ConverseRequestBuilder.build(request, target.modelId()).toBuilder()
                        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofNanos(remainingNanos)))
                        .build()));
        long elapsed = System.nanoTime() - start;
        Exception failure = result.getException();
        if (failure == null) {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            listener.answered(target.region(), target.modelId());
            exchange.setProperty(ConverseRequestBuilder.REGION, target.region());
            exchange.setProperty(ConverseRequestBuilder.MODEL_ID, target.modelId());
            exchange.setProperty(GatewayExchange.CHAT_RESPONSE,
                    ConverseResponseReader.read(result.getMessage(), target.region(), target.modelId()));
            return null;
        }
        listener.failed(target.region(), target.modelId(), failure);
        GatewayException mapped = UpstreamErrors.toGatewayException(failure);
        if (mapped == null || !isRegional(mapped)) {
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            throw mapped != null ? mapped : new IllegalStateException("Bedrock call failed", failure);
        }
        breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
        return mapped;
    }

    /** Throttling, unavailability, upstream errors and timeouts are the region's trouble; another may answer. */
    private static boolean isRegional(GatewayException failure) {
        return failure.status() == 429 || failure.status() >= 500;
    }

    private GatewayException exhausted(ModelSpec model, GatewayException last, long nextDelayMs) {
        String regions = model.targets().stream().map(ModelSpec.RegionTarget::region).toList().toString();
        if (last.status() == 429) {
            long retryAfter = Math.max(1, (nextDelayMs + 999) / 1000);
            return new GatewayException(429, "rate_limit_error", last.code(), "Every region of model '"
                    + model.alias() + "' " + regions + " is throttling; retry after " + retryAfter + " s. Last: "
                    + last.getMessage(), Map.of("Retry-After", Long.toString(retryAfter)), last);
        }
        return new GatewayException(last.status(), last.type(), last.code(), "No region of model '" + model.alias()
                + "' " + regions + " answered before the deadline. Last: " + last.getMessage(), last.headers(), last);
    }

    private GatewayException allRegionsOpen(ModelSpec model) {
        long retryAfter = Math.max(1, (settings.breakerOpenMs() + 999) / 1000);
        return new GatewayException(503, "upstream_error", "all_regions_unavailable", "Every region of model '"
                + model.alias() + "' failed recently and is paused; retry after " + retryAfter + " s.",
                Map.of("Retry-After", Long.toString(retryAfter)), null);
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
