package dev.llmgateway.stream;

import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.failover.RegionFailover;
import dev.llmgateway.chat.PromptTokenCount;
import dev.llmgateway.guard.tokens.TokenEstimator;
import io.netty.channel.EventLoop;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.impl.ContextInternal;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.support.AsyncProcessorSupport;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Streams the model's answer to the HTTP client token by token through Bedrock's ConverseStream on the
 * async client, failing over to the model's other regions, then to its fallback models, until the first event went
 * out. Asynchronous: it
 * returns at once and completes the exchange when the stream has ended, so no thread waits on the stream.
 */
public class ConverseStreamResponder extends AsyncProcessorSupport {

    private final BiFunction<String, EventLoop, BedrockRuntimeAsyncClient> clientForRegion;
    private final RegionFailover failover;
    private final ScheduledExecutorService retryScheduler;
    private final SseFormat format;
    private final String idPrefix;

    /**
     * @param clientForRegion the async Bedrock client of a region whose connections are on the given event loop
     * @param failover        the instance's failover rules, shared with plain calls
     * @param retryScheduler  where waits between rounds over the regions are scheduled
     * @param format          the API shape of the events
     * @param idPrefix        prefix of the response id before the request id (chatcmpl-, msg_)
     */
    public ConverseStreamResponder(BiFunction<String, EventLoop, BedrockRuntimeAsyncClient> clientForRegion,
                                   RegionFailover failover,
                                   ScheduledExecutorService retryScheduler, SseFormat format, String idPrefix) {
        this.clientForRegion = clientForRegion;
        this.failover = failover;
        this.retryScheduler = retryScheduler;
        this.format = format;
        this.idPrefix = idPrefix;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            GatewayCall call = GatewayCall.of(exchange);
            ChatRequest request = call.request();
            String requestId = call.requestId();
            HttpMessage http = exchange.getIn(HttpMessage.class);
            HttpServerResponse response = http.getResponse();
            EventLoop clientsLoop = eventLoopOf(http.getRequest());
            SseFormat.StreamMeta meta = new SseFormat.StreamMeta(idPrefix + requestId, requestId, request.model(),
                    Instant.now().getEpochSecond(), promptTokens(call, request), request.includeUsage(),
                    request.stop(), request.reasoning() != null, 0, 0);
            new StreamFailover(exchange, response, callback, failover.start(call),
                    retryScheduler, region -> clientForRegion.apply(region, clientsLoop), format.forCall(call), meta,
                    request).start();
            return false;
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    /** The event loop of the client's connection: the upstream stream's connection is taken from the same loop. */
    private static EventLoop eventLoopOf(HttpServerRequest request) {
        return ((ContextInternal) ((HttpServerRequestInternal) request).context()).nettyEventLoop();
    }

    /** The prompt's tokens as the token limits counted them (without margin), or counted here if they did not. */
    private static int promptTokens(GatewayCall call, ChatRequest request) {
        PromptTokenCount counted = call.promptTokensOrNull();
        if (counted == null) {
            return TokenEstimator.rawCount(request);
        }
        return counted.exact() ? counted.promptTokens() : counted.rawTokens();
    }
}
