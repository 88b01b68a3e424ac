package dev.llmgateway.chat;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * Whether the call's {@link ChatRequest} asks for a streamed answer: what the API routes branch on (bound as
 * {@value #BEAN}, used with Camel's ref language). A Simple expression calling {@code stream()} on the request would
 * copy the whole exchange for the method call on every request.
 */
public final class StreamRequested implements Predicate {

    /** The name the routes refer to it by. */
    public static final String BEAN = "streamRequested";

    @Override
    public boolean matches(Exchange exchange) {
        GatewayCall call = GatewayCall.find(exchange);
        ChatRequest request = call == null ? null : call.requestOrNull();
        return request != null && request.stream();
    }
}
