package dev.llmgateway.stream;

import dev.llmgateway.bedrock.ConverseRequestBuilder;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.StreamOutcome;
import dev.llmgateway.failover.RegionAttempts;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * One streamed request's way through its model's regions and then its fallback models'. A stream that fails before
 * anything went to the client is started again in the next region ({@link RegionAttempts} decides which and when; a
 * wait between rounds is scheduled, no thread sleeps); once the first event has gone out the stream stays where it
 * is. This object is the request's one lock: its relays synchronize on it too, so the SDK's threads, the client's
 * connection and the retry timer never interleave.
 */
final class StreamFailover {

    private final Exchange exchange;
    private final GatewayCall call;
    private final HttpServerResponse response;
    private final AsyncCallback callback;
    private final RegionAttempts attempts;
    private final ScheduledExecutorService scheduler;
    private final Function<String, BedrockRuntimeAsyncClient> clientForRegion;
    private final SseFormat format;
    private final SseFormat.StreamMeta meta;
    private final ChatRequest request;
    private StreamRelay relay;
    private ScheduledFuture<?> retry;
    private boolean over;

    StreamFailover(Exchange exchange, HttpServerResponse response, AsyncCallback callback, RegionAttempts attempts,
                   ScheduledExecutorService scheduler, Function<String, BedrockRuntimeAsyncClient> clientForRegion,
                   SseFormat format, SseFormat.StreamMeta meta, ChatRequest request) {
        this.exchange = exchange;
        this.call = GatewayCall.of(exchange);
        this.response = response;
        this.callback = callback;
        this.attempts = attempts;
        this.scheduler = scheduler;
        this.clientForRegion = clientForRegion;
        this.format = format;
        this.meta = meta;
        this.request = request;
    }

    synchronized void start() {
        attempts.exposeOn(call);
        response.closeHandler(closed -> clientLeft());
        tryNextRegion();
    }

    /** The current relay's stream failed before its first event: nothing reached the client, so another region may. */
    synchronized void failedBeforeHead(StreamRelay failed, RegionAttempts.Attempt attempt, Throwable failure) {
        if (over || failed != relay) {
            return;
        }
        relay = null;
        try {
            attempt.failed(failure);
        } catch (RuntimeException notRegional) {
            fail(notRegional);
            return;
        }
        tryNextRegion();
    }

    private void tryNextRegion() {
        try {
            Optional<RegionAttempts.Attempt> next = attempts.next();
            if (next.isEmpty()) {
                retry = scheduler.schedule(this::retryRound, attempts.endRound(), TimeUnit.MILLISECONDS);
                return;
            }
            stream(next.get());
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void stream(RegionAttempts.Attempt attempt) {
        StreamRelay started = new StreamRelay(this, call, response, format, meta.answeredBy(attempt.model().alias()),
                attempt, callback);
        relay = started;
        String modelId = attempt.target().modelId();
        try {
            started.follow(clientForRegion.apply(attempt.target().region()).converseStream(
                    ConverseRequestBuilder.buildStream(request, attempt.model(), modelId), started.handler()));
        } catch (RuntimeException e) {
            failedBeforeHead(started, attempt, e);
        }
    }

    private synchronized void retryRound() {
        if (over) {
            return;
        }
        retry = null;
        tryNextRegion();
    }

    private synchronized void clientLeft() {
        if (over) {
            return;
        }
        if (relay != null) {
            relay.clientLeft();
            return;
        }
        over = true;
        if (retry != null) {
            retry.cancel(false);
        }
        call.setStreamOutcome(StreamOutcome.CLIENT_DISCONNECTED);
        callback.done(false);
    }

    private void fail(RuntimeException failure) {
        over = true;
        call.setStreamOutcome(StreamOutcome.UPSTREAM_ERROR);
        exchange.setException(failure);
        callback.done(false);
    }
}
