package dev.llmgateway.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** Names of the exchange properties the gateway's processors read and write, and helpers for them. */
public final class GatewayExchange {

    /** The {@link ChatRequest} being served; processors replace it when they change it. */
    public static final String CHAT_REQUEST = "llmgateway.chatRequest";
    /** The team the caller belongs to (a String), from its API key. */
    public static final String TEAM = "llmgateway.team";
    /** The id of the API key the caller used (a String, safe to log). */
    public static final String KEY_ID = "llmgateway.keyId";
    /** The feature the call is attributed to (a String): the X-Feature header, else the key's default. */
    public static final String FEATURE = "llmgateway.feature";
    /** The {@link ModelSpec} of the alias the request named. */
    public static final String MODEL = "llmgateway.model";
    /** The id of this request, also returned to the caller in the x-request-id header. */
    public static final String REQUEST_ID = "llmgateway.requestId";
    /** The {@link ChatResponse} once the upstream answered. */
    public static final String CHAT_RESPONSE = "llmgateway.chatResponse";
    /** When the request arrived (an Instant). */
    public static final String RECEIVED_AT = "llmgateway.receivedAt";
    /** System.nanoTime() when the request arrived (a Long), for latencies. */
    public static final String RECEIVED_NANOS = "llmgateway.receivedNanos";
    /** System.nanoTime() when the first answer token went to the client (a Long; streams only). */
    public static final String FIRST_TOKEN_NANOS = "llmgateway.firstTokenNanos";
    /** The call to the region that answered, in nanoseconds: to its answer, or to a stream's first event (a Long). */
    public static final String UPSTREAM_NANOS = "llmgateway.upstreamNanos";
    /** The {@link GatewayException} the client was answered with, when the call failed. */
    public static final String ERROR = "llmgateway.error";
    /** Headers to send to the client with the answer (a Map of String to String). */
    public static final String RESPONSE_HEADERS = "llmgateway.responseHeaders";
    /**
     * The prompt template the request was built from, as {@code id@version} (a String such as
     * {@code summarize@3}), or absent when the caller sent its own prompt. Part of the semantic cache's partition.
     */
    public static final String TEMPLATE = "llmgateway.template";
    /**
     * A {@link CacheHit} when the answer came from the semantic cache instead of the upstream; absent otherwise.
     * {@link #CHAT_RESPONSE} then holds the cached answer with the usage of the call that first produced it,
     * so a cost ledger must record that usage as saved (what the call would have cost at the hit's model id),
     * not as spent.
     */
    public static final String CACHE_HIT = "llmgateway.cacheHit";
    /** How a streamed answer ended (a String): completed, upstream_error or client_disconnected. */
    public static final String STREAM_OUTCOME = "llmgateway.streamOutcome";

    private GatewayExchange() {
    }

    public static ChatRequest chatRequest(Exchange exchange) {
        return exchange.getProperty(CHAT_REQUEST, ChatRequest.class);
    }

    public static ModelSpec model(Exchange exchange) {
        return exchange.getProperty(MODEL, ModelSpec.class);
    }

    public static String team(Exchange exchange) {
        return exchange.getProperty(TEAM, String.class);
    }

    public static String feature(Exchange exchange) {
        return exchange.getProperty(FEATURE, String.class);
    }

    public static String keyId(Exchange exchange) {
        return exchange.getProperty(KEY_ID, String.class);
    }

    /** Adds a header that the response writer sends to the client with the answer. */
    @SuppressWarnings("unchecked")
    public static void addResponseHeader(Exchange exchange, String name, String value) {
        Map<String, String> headers = exchange.getProperty(RESPONSE_HEADERS, Map.class);
        if (headers == null) {
            headers = new LinkedHashMap<>();
            exchange.setProperty(RESPONSE_HEADERS, headers);
        }
        headers.put(name, value);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, String> responseHeaders(Exchange exchange) {
        Map<String, String> headers = exchange.getProperty(RESPONSE_HEADERS, Map.class);
        return headers == null ? Map.of() : headers;
    }
}
