package dev.llmgateway.stream;

import dev.llmgateway.bedrock.ConverseRequestBuilder;
import dev.llmgateway.bedrock.UpstreamCallListener;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayExchange;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.util.function.Function;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.support.AsyncProcessorSupport;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Streams the model's answer to the HTTP client token by token through Bedrock's ConverseStream on the
 * async client. Asynchronous: it returns at once and completes the exchange when the stream has ended,
 * so no thread waits on the stream.
 */
public class ConverseStreamResponder extends AsyncProcessorSupport {

    private final Function<String, BedrockRuntimeAsyncClient> clientForRegion;
    private final SseFormat format;
    private final String idPrefix;
    private final UpstreamCallListener listener;

    /**
     * @param clientForRegion the async Bedrock client of a region
     * @param format          the API shape of the events
     * @param idPrefix        prefix of the response id before the request id (chatcmpl-, msg_)
     */
    public ConverseStreamResponder(Function<String, BedrockRuntimeAsyncClient> clientForRegion, SseFormat format,
                                   String idPrefix) {
        this(clientForRegion, format, idPrefix, UpstreamCallListener.NONE);
    }

    /** @param listener told how each upstream stream ended (not when the client left first) */
    public ConverseStreamResponder(Function<String, BedrockRuntimeAsyncClient> clientForRegion, SseFormat format,
                                   String idPrefix, UpstreamCallListener listener) {
        this.clientForRegion = clientForRegion;
        this.format = format;
        this.idPrefix = idPrefix;
        this.listener = listener;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            ChatRequest request = GatewayExchange.chatRequest(exchange);
            String requestId = exchange.getProperty(GatewayExchange.REQUEST_ID, String.class);
            String region = exchange.getProperty(ConverseRequestBuilder.REGION, String.class);
            String modelId = exchange.getProperty(ConverseRequestBuilder.MODEL_ID, String.class);
            HttpServerResponse response = exchange.getIn(HttpMessage.class).getResponse();
            SseFormat.StreamMeta meta = new SseFormat.StreamMeta(idPrefix + requestId, requestId, request.model(),
                    Instant.now().getEpochSecond(), promptTokens(request), request.includeUsage());
            StreamRelay relay = new StreamRelay(exchange, response, format, meta, callback, listener);
            relay.follow(clientForRegion.apply(region)
                    .converseStream(ConverseRequestBuilder.buildStream(request, modelId), relay.handler()));
            return false;
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private static int promptTokens(ChatRequest request) {
        return request.messages().stream().map(ChatMessage::content).mapToInt(StreamedTokens::count).sum();
    }
}
