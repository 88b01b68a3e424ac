package dev.llmgateway.record;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Everything known about one call once it is over: who made it, what it used, what it cost, how it went. The cost
 * ledger, the request log and the metrics are all fed from it.
 *
 * @param receivedAt        when the request arrived
 * @param requestId         the request's id (x-request-id)
 * @param route             the route that served it (chat-completions, anthropic-messages, ...)
 * @param team              the caller's team (null if authentication failed)
 * @param feature           the feature tag
 * @param keyId             the API key's id (never the key)
 * @param modelAlias        the alias whose model answered: the one the caller named, or a fallback of it; the one the
 *                          caller named when no model answered (null if the request was refused before it was read)
 * @param modelId           the Bedrock model id or inference profile that answered (null if none did)
 * @param region            the region that answered
 * @param template          prompt template id@version, if the request used one
 * @param streamed          whether the answer was streamed
 * @param inputTokens       prompt tokens billed
 * @param outputTokens      answer tokens billed
 * @param cacheReadTokens   prompt tokens read from Bedrock's prompt cache
 * @param cacheWriteTokens  prompt tokens written to Bedrock's prompt cache
 * @param costUsd           what the call cost (zero when nothing was billed)
 * @param cacheHit          exact or semantic when the gateway's cache answered, else null
 * @param savedCostUsd      what a cache hit saved: the cost of the call it replaced
 * @param latencyMs         from arrival to the end of the answer
 * @param timeToFirstTokenMs from arrival to the first byte of a streamed answer (the latency for JSON answers)
 * @param upstreamMs        the call to the Bedrock region that answered, from the SDK call to the answer or to a
 *                          stream's first event; the rest of the latency (or time to first token) is the gateway's
 *                          own, earlier attempts included. Null when no region answered (a cache hit, a refused or
 *                          failed call)
 * @param status            HTTP status the client got
 * @param outcome           ok, or the error code (rate_limited, throttled, stream_interrupted, client_disconnected, ...)
 * @param fallbackFrom      the alias the caller named when a fallback model answered instead, else null
 */
public record CallRecord(Instant receivedAt, String requestId, String route, String team, String feature, String keyId,
                         String modelAlias, String modelId, String region, String template, boolean streamed,
                         long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                         BigDecimal costUsd, String cacheHit, BigDecimal savedCostUsd, long latencyMs,
                         long timeToFirstTokenMs, Long upstreamMs, int status, String outcome, String fallbackFrom) {

    /** A call answered by the model it named, or by none. */
    public CallRecord(Instant receivedAt, String requestId, String route, String team, String feature, String keyId,
                      String modelAlias, String modelId, String region, String template, boolean streamed,
                      long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                      BigDecimal costUsd, String cacheHit, BigDecimal savedCostUsd, long latencyMs,
                      long timeToFirstTokenMs, Long upstreamMs, int status, String outcome) {
        this(receivedAt, requestId, route, team, feature, keyId, modelAlias, modelId, region, template, streamed,
                inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, costUsd, cacheHit, savedCostUsd,
                latencyMs, timeToFirstTokenMs, upstreamMs, status, outcome, null);
    }

    public boolean succeeded() {
        return "ok".equals(outcome);
    }
}
