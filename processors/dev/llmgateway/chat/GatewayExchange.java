package dev.llmgateway.chat;

/** Names of the exchange properties the gateway's processors read and write. */
public final class GatewayExchange {

    /** The {@link ChatRequest} being served; processors replace it when they change it. */
    public static final String CHAT_REQUEST = "llmgateway.chatRequest";
    /** The team the caller belongs to (a String). */
    public static final String TEAM = "llmgateway.team";
    /** The resolved model alias settings for the request. */
    public static final String MODEL = "llmgateway.model";
    /** The id of this request, also returned to the caller in the x-request-id header. */
    public static final String REQUEST_ID = "llmgateway.requestId";
    /** The {@link ChatResponse} once the upstream answered. */
    public static final String CHAT_RESPONSE = "llmgateway.chatResponse";

    private GatewayExchange() {
    }
}
