package dev.llmgateway.batch;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Sends each summary call through the gateway's own chain ({@code direct:llm-chat}): the same guards, token limits,
 * rate limits (marked as batch traffic, so it only gets the team's batch share) and budget, failover, and a call
 * record attributed to the document's team and feature. A call refused with 429 (a rate limit, or every region
 * throttling) waits as long as Retry-After says and tries again, for up to ten minutes: batch work slows down
 * rather than fails when interactive traffic is busy.
 */
public class PipelineSummaryCall implements SummaryCall {

    public static final String PIPELINE = "direct:llm-chat";
    private static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofMinutes(10);

    private final Supplier<CamelContext> context;
    private volatile ProducerTemplate producer;

    /** @param context the running Camel context (asked on the first call: it does not exist while beans are bound) */
    public PipelineSummaryCall(Supplier<CamelContext> context) {
        this.context = context;
    }

    @Override
    public ChatResponse call(SummaryRequest request) {
        long giveUpAt = System.nanoTime() + MAX_RATE_LIMIT_WAIT.toNanos();
        while (true) {
            try {
                return callOnce(request);
            } catch (GatewayException refused) {
                long waitMs = rateLimitWaitMs(refused);
                if (waitMs < 0 || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs) > giveUpAt) {
                    throw refused;
                }
                sleep(waitMs);
            }
        }
    }

    /** @return how long a 429 (the team's rate limit, or every region throttling) asks to wait; -1 for others */
    private static long rateLimitWaitMs(GatewayException refused) {
        if (refused.status() != 429) {
            return -1;
        }
        String retryAfter = refused.headers().get("Retry-After");
        try {
            return Math.max(1, retryAfter == null ? 1 : Long.parseLong(retryAfter.trim())) * 1000;
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting out a rate limit", e);
        }
    }

    private ChatResponse callOnce(SummaryRequest request) {
        CamelContext camel = context.get();
        Exchange exchange = new DefaultExchange(camel);
        GatewayCall call = GatewayCall.start(exchange, request.requestId());
        call.identify(Caller.of(request.team(), null, request.feature()));
        call.setRequest(request.chat());
        call.markBatch();
        Exchange answered = producer(camel).send(PIPELINE, exchange);
        if (answered.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        if (answered.getException() != null) {
            throw new IllegalStateException("the gateway pipeline failed", answered.getException());
        }
        return call.response();
    }

    private ProducerTemplate producer(CamelContext camel) {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = camel.createProducerTemplate();
                }
            }
        }
        return producer;
    }
}
