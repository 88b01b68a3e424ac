package dev.llmgateway.record;

import dev.llmgateway.chat.CacheHit;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatResponse;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.GatewayExchange;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.Usage;
import dev.llmgateway.cost.PriceTable;
import dev.llmgateway.failover.RegionAttempts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs once a call is over (the API routes' onCompletion): turns the exchange into a {@link CallRecord} and hands it
 * to every listener. It never fails the call: a listener that throws is logged and the others still run.
 */
public class CallRecorder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecorder.class);

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
        CallRecord record;
        try {
            record = recordOf(exchange);
        } catch (RuntimeException e) {
            LOG.error("Request {}: could not build its call record: {}",
                    exchange.getProperty(GatewayExchange.REQUEST_ID), e.toString());
            return;
        }
        CallContent content = contentOf(exchange);
        for (CallRecordListener listener : listeners) {
            try {
                listener.recorded(record, content);
            } catch (RuntimeException e) {
                LOG.error("Request {}: call record listener {} failed: {}", record.requestId(),
                        listener.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static CallContent contentOf(Exchange exchange) {
        ChatRequest request = GatewayExchange.chatRequest(exchange);
        ChatResponse response = exchange.getProperty(GatewayExchange.CHAT_RESPONSE, ChatResponse.class);
        return new CallContent(request == null ? null : request.messages(), response == null ? null : response.text());
    }

    CallRecord recordOf(Exchange exchange) {
        ChatRequest request = GatewayExchange.chatRequest(exchange);
        ModelSpec model = GatewayExchange.model(exchange);
        ChatResponse response = exchange.getProperty(GatewayExchange.CHAT_RESPONSE, ChatResponse.class);
        GatewayException error = exchange.getProperty(GatewayExchange.ERROR, GatewayException.class);
        CacheHit hit = exchange.getProperty(GatewayExchange.CACHE_HIT, CacheHit.class);
        Usage usage = response == null || response.usage() == null || hit != null ? new Usage(0, 0) : response.usage();
        String modelId = response == null ? null : response.modelId();
        String region = response != null ? response.region() : lastRegionTried(exchange);
        BigDecimal cost = price(modelId, region, usage);
        BigDecimal saved = hit == null ? BigDecimal.ZERO : price(hit.modelId(), null, hit.usage());
        long now = System.nanoTime();
        Long received = exchange.getProperty(GatewayExchange.RECEIVED_NANOS, Long.class);
        Long firstToken = exchange.getProperty(GatewayExchange.FIRST_TOKEN_NANOS, Long.class);
        Long upstream = exchange.getProperty(GatewayExchange.UPSTREAM_NANOS, Long.class);
        long latencyMs = received == null ? 0 : TimeUnit.NANOSECONDS.toMillis(now - received);
        long ttftMs = received == null || firstToken == null ? latencyMs
                : TimeUnit.NANOSECONDS.toMillis(firstToken - received);
        Instant receivedAt = exchange.getProperty(GatewayExchange.RECEIVED_AT, Instant.class);
        return new CallRecord(receivedAt == null ? Instant.now() : receivedAt,
                exchange.getProperty(GatewayExchange.REQUEST_ID, String.class), exchange.getFromRouteId(),
                GatewayExchange.team(exchange), GatewayExchange.feature(exchange), GatewayExchange.keyId(exchange),
                model != null ? model.alias() : request != null ? request.model() : null, modelId, region,
                exchange.getProperty(GatewayExchange.TEMPLATE, String.class), request != null && request.stream(),
                usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens(), cost,
                hit == null ? null : hit.kind().name().toLowerCase(Locale.ROOT), saved, latencyMs, ttftMs,
                upstream == null ? null : TimeUnit.NANOSECONDS.toMillis(upstream), status(exchange, error),
                outcome(exchange, error));
    }

    /** @return what the tokens cost at the model id's price, zero for an unknown or missing model id */
    private BigDecimal price(String modelId, String region, Usage usage) {
        return modelId == null || usage == null || !prices.knows(modelId) ? BigDecimal.ZERO
                : prices.cost(modelId, region, usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
                        usage.cacheWriteTokens());
    }

    /** A call no region answered is attributed to the last region it tried, so error rates per region add up. */
    @SuppressWarnings("unchecked")
    private static String lastRegionTried(Exchange exchange) {
        List<String> tried = exchange.getProperty(RegionAttempts.REGIONS_TRIED, List.class);
        return tried == null || tried.isEmpty() ? null : tried.get(tried.size() - 1);
    }

    private static int status(Exchange exchange, GatewayException error) {
        if (error != null && exchange.getProperty(GatewayExchange.FIRST_TOKEN_NANOS) == null) {
            return error.status();
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status == null ? 200 : status;
    }

    private static String outcome(Exchange exchange, GatewayException error) {
        if ("client_disconnected".equals(exchange.getProperty(GatewayExchange.STREAM_OUTCOME, String.class))) {
            return "client_disconnected";
        }
        return error == null ? "ok" : error.code();
    }
}
