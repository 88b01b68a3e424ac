package dev.llmgateway.failover;

import dev.llmgateway.bedrock.ConverseRequestBuilder;
import dev.llmgateway.bedrock.ConverseResponseReader;
import dev.llmgateway.bedrock.OneToolCall;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.structured.StructuredAnswers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

/**
 * Calls Bedrock's Converse through camel-aws-bedrock, region after region as {@link RegionAttempts} decides: the
 * next region at once when one throttles, fails or times out, a backoff wait between rounds, until the request's
 * deadline; then the model's fallbacks' regions the same way, once every region of the model failed. When the deadline
 * comes first the client is told what the regions said: 429 with Retry-After when they throttle.
 */
public class FailoverConverseCaller implements Processor {

    private static final String ENDPOINT = "aws-bedrock:chat?operation=converse&pojoRequest=true"
            + "&bedrockRuntimeClient=#bedrock-%1$s&bedrockRuntimeAsyncClient=#bedrock-async-%1$s";

    private final RegionFailover failover;
    /** Resolved once per region: resolving an endpoint URI normalizes it, which is a measurable cost per call. */
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private volatile ProducerTemplate producer;

    public FailoverConverseCaller(RegionFailover failover) {
        this.failover = failover;
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        GatewayCall call = GatewayCall.of(exchange);
        ChatRequest request = call.request();
        RegionAttempts attempts = failover.start(call);
        attempts.exposeOn(call);
        while (true) {
            for (Optional<RegionAttempts.Attempt> attempt = attempts.next(); attempt.isPresent(); attempt = attempts.next()) {
                if (call(exchange, call, request, attempt.get())) {
                    return;
                }
            }
            // The synchronous Bedrock call holds this worker thread anyway; waiting here costs nothing more.
            Thread.sleep(attempts.endRound());
        }
    }

    /** @return whether the region answered (the answer is then on the exchange) */
    private boolean call(Exchange exchange, GatewayCall call, ChatRequest request, RegionAttempts.Attempt attempt) {
        ModelSpec.RegionTarget target = attempt.target();
        Endpoint endpoint = endpoints.computeIfAbsent(target.region(),
                region -> exchange.getContext().getEndpoint(ENDPOINT.formatted(region)));
        Exchange result = producer(exchange).send(endpoint, upstream -> upstream.getMessage()
                .setBody(ConverseRequestBuilder.build(request, attempt.model(), target.modelId()).toBuilder()
                        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofNanos(attempt.remainingNanos())))
                        .build()));
        Exception failure = result.getException();
        if (failure != null) {
            attempt.failed(failure);
            return false;
        }
        call.setUpstreamNanos(attempt.answered());
        call.answeredBy(attempt.model());
        ChatResponse answer = ConverseResponseReader.read(result.getMessage(), target.region(), target.modelId());
        GatewayException tooManyCalls = OneToolCall.problem(request, answer.toolUses().size());
        if (tooManyCalls != null) {
            call.setResponse(answer); // billed all the same
            throw tooManyCalls;
        }
        call.setResponse(request.responseFormat() == null ? answer
                : StructuredAnswers.answer(request.responseFormat(), answer,
                        StructuredAnswers.bedrockNative(attempt.model(), request.responseFormat())));
        return true;
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
