package dev.llmgateway.http;

import dev.llmgateway.chat.GatewayCall;
import java.util.Map;
import org.apache.camel.Exchange;

/** Writes an answer that is not the gateway's JSON (CSV, a page, a script): status, type, its own headers, body. */
public final class TextResponses {

    private TextResponses() {
    }

    public static void write(Exchange exchange, int status, String contentType, byte[] body,
                             Map<String, String> headers) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        headers.forEach(message::setHeader);
        GatewayCall call = GatewayCall.find(exchange);
        if (call != null) {
            message.setHeader(JsonResponses.REQUEST_ID_HEADER, call.requestId());
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }
}
