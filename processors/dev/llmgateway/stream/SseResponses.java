package dev.llmgateway.stream;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.http.JsonResponses;
import io.vertx.core.http.HttpServerResponse;

/** The HTTP head of a server-sent event stream, shared by live streams and replayed ones. */
public final class SseResponses {

    private SseResponses() {
    }

    /** Writes status, SSE headers, the request id and the gateway's response headers of this exchange. */
    public static void open(HttpServerResponse response, GatewayCall call) {
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .putHeader(JsonResponses.REQUEST_ID_HEADER, call.requestId());
        call.responseHeaders().forEach(response::putHeader);
    }
}
