package dev.llmgateway.chat;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/** Whether the semantic cache answered the call: what the chain branches on (bound as {@value #BEAN}). */
public final class AnsweredFromCache implements Predicate {

    /** The name the routes refer to it by. */
    public static final String BEAN = "answeredFromCache";

    @Override
    public boolean matches(Exchange exchange) {
        return GatewayCall.of(exchange).cacheHit() != null;
    }
}
