package dev.llmgateway.http;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.Json;
import java.util.Map;
import org.apache.camel.Exchange;

/** Writes a JSON answer: status, the gateway's response headers (and none of the request's), body. */
public final class JsonResponses {

    public static final String REQUEST_ID_HEADER = "x-request-id";

    private JsonResponses() {
    }

    public static void write(Exchange exchange, int status, Object body) {
        write(exchange, status, body, Map.of());
    }

    public static void write(Exchange exchange, int status, Object body, Map<String, String> extraHeaders) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        GatewayCall call = GatewayCall.find(exchange);
        if (call != null) {
            call.responseHeaders().forEach(message::setHeader);
        }
        extraHeaders.forEach(message::setHeader);
        if (call != null) {
            message.setHeader(REQUEST_ID_HEADER, call.requestId());
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(Json.bytes(body));
    }
}
