package dev.llmgateway.record;

import dev.llmgateway.chat.CacheHit;
import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.EmbeddingRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.StreamOutcome;
import dev.llmgateway.chat.UpstreamUsage;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.cost.PriceTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs once a call is over (the API routes' onCompletion, a Kamelet's at the exchange's completion): turns the exchange
 * into a {@link CallRecord} and hands it to every listener, once per exchange. It never fails the call: a listener that throws is logged and the others still run.
 */
public class CallRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);
    /** Set once the exchange's call is recorded: a call is recorded once, however many steps ask for it. */
    private static final String RECORDED = "llmgateway.callRecorded";

    private final PriceTable prices;
    private final List<CallRecordListener> listeners = new CopyOnWriteArrayList<>();

    public CallRecorder(PriceTable prices) {
        this.prices = prices;
    }

    public void addListener(CallRecordListener listener) {
        listeners.add(listener);
    }

    @Override
    public void process(Exchange exchange) {
        if (exchange.getProperty(RECORDED, false, Boolean.class)) {
            return;
        }
        exchange.setProperty(RECORDED, true);
        GatewayCall call = GatewayCall.find(exchange);
        if (call == null) {
            LOG.error("Route {}: an exchange without a gateway call cannot be recorded", exchange.getFromRouteId());
            return;
        }
        CallRecord record;
        try {
            record = recordOf(exchange, call);
        } catch (RuntimeException e) {
            LOG.error("Request {}: could not build its call record: {}", call.requestId(), e.toString());
            return;
        }
        CallContent content = contentOf(call);
        for (CallRecordListener listener : listeners) {
            try {
                listener.recorded(record, content);
            } catch (RuntimeException e) {
                LOG.error("Request {}: call record listener {} failed: {}", record.requestId(),
                        listener.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static CallContent contentOf(GatewayCall call) {
        ChatRequest request = call.requestOrNull();
        ChatResponse response = call.responseOrNull();
        return new CallContent(request != null ? request.messages() : embeddedTexts(call),
                response == null ? null : response.text());
    }

    /** An embeddings call's texts, each as a user turn, or null for a call without them. */
    private static List<ChatMessage> embeddedTexts(GatewayCall call) {
        EmbeddingRequest embeddings = call.embeddingRequestOrNull();
        return embeddings == null ? null
                : embeddings.texts().stream().map(text -> new ChatMessage(ChatRole.USER, text)).toList();
    }

    CallRecord recordOf(Exchange exchange, GatewayCall call) {
        ChatRequest request = call.requestOrNull();
        ModelSpec model = call.modelOrNull();
        ChatResponse response = call.responseOrNull();
        CacheHit hit = call.cacheHit();
        UpstreamUsage answer = call.answerUsageOrNull();
        Usage usage = answer == null || answer.usage() == null || hit != null ? new Usage(0, 0) : answer.usage();
        String modelId = answer == null ? null : answer.modelId();
        String region = answer != null && answer.region() != null ? answer.region() : lastRegionTried(call);
        BigDecimal cost = price(modelId, region, usage);
        BigDecimal saved = hit == null ? BigDecimal.ZERO : price(hit.modelId(), null, hit.usage());
        long now = System.nanoTime();
        Long firstToken = call.firstTokenNanos();
        Long upstreamNanos = call.upstreamNanos();
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(now - call.receivedNanos());
        long ttftMs = firstToken == null ? latencyMs : TimeUnit.NANOSECONDS.toMillis(firstToken - call.receivedNanos());
        Caller caller = call.callerOrNull();
        return new CallRecord(call.receivedAt(), call.requestId(), exchange.getFromRouteId(),
                caller == null ? null : caller.team(), caller == null ? null : caller.feature(),
                caller == null ? null : caller.keyId(),
                model != null ? call.answeringAlias() : requestedModel(call), modelId, region,
                call.template(), request != null && request.stream(),
                usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens(), cost,
                hit == null ? null : hit.kind().name().toLowerCase(Locale.ROOT), saved, latencyMs, ttftMs,
                upstreamNanos == null ? null : TimeUnit.NANOSECONDS.toMillis(upstreamNanos),
                status(exchange, call), outcome(call), call.fallbackFrom());
    }

    /** The alias the caller named, for a call refused before its model was resolved. */
    private static String requestedModel(GatewayCall call) {
        ChatRequest request = call.requestOrNull();
        if (request != null) {
            return request.model();
        }
        EmbeddingRequest embeddings = call.embeddingRequestOrNull();
        return embeddings == null ? null : embeddings.model();
    }

    /** @return what the tokens cost at the model id's price, zero for an unknown or missing model id */
    private BigDecimal price(String modelId, String region, Usage usage) {
        return modelId == null || usage == null || !prices.knows(modelId) ? BigDecimal.ZERO
                : prices.cost(modelId, region, usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
                        usage.cacheWriteTokens());
    }

    /** A call no region answered is attributed to the last region it tried, so error rates per region add up. */
    private static String lastRegionTried(GatewayCall call) {
        List<String> tried = call.regionsTried();
        return tried.isEmpty() ? null : tried.get(tried.size() - 1);
    }

    /** @return the HTTP status the call ended with (a stream's, once its head went out, stays 200) */
    public static int status(Exchange exchange, GatewayCall call) {
        GatewayException error = call.error();
        if (error != null && call.firstTokenNanos() == null) {
            return error.status();
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 200 : status;
    }

    /** @return ok, client_disconnected, or the error code the call ended with */
    public static String outcome(GatewayCall call) {
        GatewayException error = call.error();
        if (call.streamOutcome() == StreamOutcome.CLIENT_DISCONNECTED) {
            return StreamOutcome.CLIENT_DISCONNECTED.code();
        }
        return error == null ? "ok" : error.code();
    }
}
