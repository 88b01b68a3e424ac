package dev.llmgateway.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.Exchange;

/**
 * Everything the chain knows about one call, kept on its exchange as the one exchange property the gateway sets.
 * Each step reads what earlier steps wrote and writes what it found out; an accessor for something an earlier step
 * must have written fails with one message naming that step (a 500 {@code gateway_misconfigured}), so a route that
 * runs its steps out of order fails at once. Camel's copies of the exchange (onCompletion, a stream's end) share this
 * object, so what a stream writes at its end is seen by the call record; the fields written off the request's thread
 * are volatile.
 */
public final class GatewayCall {

    private static final String PROPERTY = "llmgateway.call";
    /** Response header naming the model alias that answered (a fallback's when one answered). */
    public static final String MODEL_HEADER = "x-llmgateway-model";

    private final String requestId;
    private final Instant receivedAt = Instant.now();
    private final long receivedNanos = System.nanoTime();

    private Caller caller;
    private ChatRequest request;
    private EmbeddingRequest embeddingRequest;
    private String template;
    private ModelSpec model;
    private List<ModelSpec> fallbacks = List.of();
    private volatile ModelSpec answeredBy;
    private PromptTokenCount promptTokens;
    private boolean batch;
    private final Queue<CallReservation> reservations = new ConcurrentLinkedQueue<>();
    private boolean injectionFlagged;
    private final Map<Class<?>, Object> stepState = new ConcurrentHashMap<>();
    private volatile CacheHit cacheHit;
    private volatile ChatResponse response;
    private volatile Embeddings embeddings;
    private volatile List<String> regionsTried = List.of();
    private volatile List<Long> retryDelaysMs = List.of();
    private volatile Long upstreamNanos;
    private volatile Long firstTokenNanos;
    private volatile StreamOutcome streamOutcome;
    private volatile GatewayException error;
    private volatile UpstreamTrace upstreamTrace = UpstreamTrace.NONE;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();

    private GatewayCall(String requestId) {
        this.requestId = requestId;
    }

    /** Starts the call of this exchange: its first step does, before anything else is known about it. */
    public static GatewayCall start(Exchange exchange, String requestId) {
        GatewayCall call = new GatewayCall(requestId);
        exchange.setProperty(PROPERTY, call);
        return call;
    }

    /** The call of this exchange; fails when no first step started one. */
    public static GatewayCall of(Exchange exchange) {
        GatewayCall call = find(exchange);
        if (call == null) {
            throw misconfigured("This exchange carries no gateway call: a route's first step (requestIdAssigner, or "
                    + "GatewayCall.start before direct:llm-chat) must start one.");
        }
        return call;
    }

    /** The call of this exchange, or null (an error handler or a log context on an exchange no step started). */
    public static GatewayCall find(Exchange exchange) {
        return exchange.getProperty(PROPERTY, GatewayCall.class);
    }

    private static <T> T required(T value, String what, String step) {
        if (value == null) {
            throw misconfigured(what + " is not known yet: " + step + " must run before this step.");
        }
        return value;
    }

    private static GatewayException misconfigured(String fault) {
        return new GatewayException(500, "server_error", "gateway_misconfigured",
                fault + " This is a gateway fault; report it to the gateway operators.");
    }

    public String requestId() {
        return requestId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** System.nanoTime() when the call started, for latencies. */
    public long receivedNanos() {
        return receivedNanos;
    }

    public void identify(Caller caller) {
        this.caller = caller;
    }

    public Caller caller() {
        return required(caller, "The caller", "apiKeyAuthenticator");
    }

    public Caller callerOrNull() {
        return caller;
    }

    /** The caller's team: {@code caller().team()}. */
    public String team() {
        return caller().team();
    }

    /** Sets the request being served; a step that changes it sets the changed copy. */
    public void setRequest(ChatRequest request) {
        this.request = request;
    }

    public ChatRequest request() {
        return required(request, "The chat request", "the API's request reader");
    }

    public ChatRequest requestOrNull() {
        return request;
    }

    /** Sets the embeddings request being served (the embeddings chain's calls carry no chat request). */
    public void setEmbeddingRequest(EmbeddingRequest request) {
        this.embeddingRequest = request;
    }

    public EmbeddingRequest embeddingRequest() {
        return required(embeddingRequest, "The embeddings request", "the API's embeddings request reader");
    }

    public EmbeddingRequest embeddingRequestOrNull() {
        return embeddingRequest;
    }

    /**
     * @param template the prompt template the request was built from, as {@code id@version} (such as
     *                 {@code summarize@3}); part of the semantic cache's partition
     */
    public void setTemplate(String template) {
        this.template = template;
    }

    /** The prompt template the request was built from, or null when the caller sent its own prompt. */
    public String template() {
        return template;
    }

    public void setModel(ModelSpec model) {
        this.model = model;
    }

    public ModelSpec model() {
        return required(model, "The model", "modelResolver");
    }

    public ModelSpec modelOrNull() {
        return model;
    }

    /** @param fallbacks the models to try, in order, once every region of the model failed or throttled */
    public void setFallbacks(List<ModelSpec> fallbacks) {
        this.fallbacks = List.copyOf(fallbacks);
    }

    public List<ModelSpec> fallbacks() {
        return fallbacks;
    }

    /** The model whose answer this is (the requested one, or a fallback); the client is told its alias. */
    public void answeredBy(ModelSpec answering) {
        this.answeredBy = answering;
        addResponseHeader(MODEL_HEADER, answering.alias());
    }

    /** @return the alias to name as the answer's model: the one that answered, else the one the request named */
    public String answeringAlias() {
        ModelSpec answering = answeredBy != null ? answeredBy : model;
        return answering != null ? answering.alias() : request().model();
    }

    /** @return the alias the caller asked for when a fallback model answered instead, else null */
    public String fallbackFrom() {
        ModelSpec answering = answeredBy;
        return answering == null || model == null || answering.alias().equals(model.alias()) ? null : model.alias();
    }

    public void setPromptTokens(PromptTokenCount promptTokens) {
        this.promptTokens = promptTokens;
    }

    public PromptTokenCount promptTokens() {
        return required(promptTokens, "The prompt's token count", "tokenLimits");
    }

    public PromptTokenCount promptTokensOrNull() {
        return promptTokens;
    }

    /** Marks the call as batch traffic, which may use only a share of its team's rates. */
    public void markBatch() {
        this.batch = true;
    }

    public boolean batchMarked() {
        return batch;
    }

    /** Holds what a step took before the call (rate-limit tokens, a slot, budget) until the call is settled. */
    public void hold(CallReservation reservation) {
        reservations.add(reservation);
    }

    /**
     * @return the reservations held, which are no longer held afterwards: whichever copy of the exchange settles
     *         first takes each reservation once
     */
    public List<CallReservation> releaseReservations() {
        List<CallReservation> released = new ArrayList<>();
        for (CallReservation next = reservations.poll(); next != null; next = reservations.poll()) {
            released.add(next);
        }
        return released;
    }

    /** The injection guard's verdict that the prompt carries an injection (whatever its policy did about it). */
    public void flagInjection() {
        this.injectionFlagged = true;
    }

    public boolean injectionFlagged() {
        return injectionFlagged;
    }

    /**
     * Keeps what one step leaves for a later step of its own (the cache's lookup for its store, PII redaction for its
     * restore), found again by its type.
     */
    public void keep(Object state) {
        stepState.put(state.getClass(), state);
    }

    /** What {@link #keep} kept of this type, or null. */
    public <T> T kept(Class<T> type) {
        return type.cast(stepState.get(type));
    }

    /** The answer came from the semantic cache: it is the cached answer, priced as saved rather than spent. */
    public void answerFromCache(ChatResponse answer, CacheHit hit) {
        this.response = answer;
        this.cacheHit = hit;
    }

    /** How the cache answered, or null when it did not. */
    public CacheHit cacheHit() {
        return cacheHit;
    }

    public void setResponse(ChatResponse response) {
        this.response = response;
    }

    public ChatResponse response() {
        return required(response, "The answer", "the upstream call or the cache lookup");
    }

    public ChatResponse responseOrNull() {
        return response;
    }

    public void setEmbeddings(Embeddings embeddings) {
        this.embeddings = embeddings;
    }

    public Embeddings embeddings() {
        return required(embeddings, "The embeddings", "the upstream embeddings call");
    }

    /** @return what the answer used and where: the chat answer or the embeddings, or null when there is none */
    public UpstreamUsage answerUsageOrNull() {
        return response != null ? response : embeddings;
    }

    /** The call is traced: its attempts at Bedrock regions are reported to {@code trace}. */
    public void traceUpstream(UpstreamTrace trace) {
        this.upstreamTrace = trace;
    }

    /** @return where the call's attempts at Bedrock regions are reported; {@link UpstreamTrace#NONE} when untraced */
    public UpstreamTrace upstreamTrace() {
        return upstreamTrace;
    }

    /** Follows the failover's regions tried and waits made, in order, as they grow. */
    public void trackRegions(List<String> regionsTried, List<Long> retryDelaysMs) {
        this.regionsTried = regionsTried;
        this.retryDelaysMs = retryDelaysMs;
    }

    public List<String> regionsTried() {
        return regionsTried;
    }

    public List<Long> retryDelaysMs() {
        return retryDelaysMs;
    }

    /** @param nanos the call to the region that answered: to its answer, or to a stream's first event */
    public void setUpstreamNanos(long nanos) {
        this.upstreamNanos = nanos;
    }

    public Long upstreamNanos() {
        return upstreamNanos;
    }

    /** Notes that the first answer token went to the client now (streams only). */
    public void markFirstToken() {
        this.firstTokenNanos = System.nanoTime();
    }

    /** System.nanoTime() when the first answer token went to the client, or null. */
    public Long firstTokenNanos() {
        return firstTokenNanos;
    }

    public void setStreamOutcome(StreamOutcome outcome) {
        this.streamOutcome = outcome;
    }

    /** How a streamed answer ended, or null for an answer that was not streamed (or a stream still running). */
    public StreamOutcome streamOutcome() {
        return streamOutcome;
    }

    /** @param error what the client was answered with, when the call failed */
    public void fail(GatewayException error) {
        this.error = error;
    }

    public GatewayException error() {
        return error;
    }

    /** Adds a header that the answer's writer sends to the client. */
    public void addResponseHeader(String name, String value) {
        responseHeaders.put(name, value);
    }

    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }
}
