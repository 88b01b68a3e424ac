package dev.llmgateway.http;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.record.TimeOrderedIds;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Gives every request an id: the caller's x-request-id when it is a safe token (so traces join up across
 * services), else a new one. It is returned to the caller and goes into every log line about the request.
 * Also notes when the request arrived, for latencies.
 */
public class RequestIdAssigner implements Processor {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    @Override
    public void process(Exchange exchange) {
        String offered = exchange.getMessage().getHeader(JsonResponses.REQUEST_ID_HEADER, String.class);
        String id = offered != null && SAFE_ID.matcher(offered).matches()
                ? offered : TimeOrderedIds.compact();
        GatewayCall.start(exchange, id);
    }
}
