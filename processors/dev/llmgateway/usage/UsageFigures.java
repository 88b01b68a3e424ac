package dev.llmgateway.usage;

import java.math.BigDecimal;

/**
 * What a set of calls added up to.
 *
 * @param requests         calls
 * @param inputTokens      prompt tokens billed at the input price
 * @param outputTokens     answer tokens
 * @param cacheReadTokens  prompt tokens read from Bedrock's prompt cache
 * @param cacheWriteTokens prompt tokens written to Bedrock's prompt cache
 * @param costUsd          what they cost
 * @param cacheHits        calls the gateway's cache answered
 * @param savedCostUsd     what those cache hits saved
 * @param errors           calls whose outcome was not ok (throttles included)
 * @param throttles        calls answered 429 (Bedrock throttling in every region, or the gateway's own limits)
 */
public record UsageFigures(long requests, long inputTokens, long outputTokens, long cacheReadTokens,
                           long cacheWriteTokens, BigDecimal costUsd, long cacheHits, BigDecimal savedCostUsd,
                           long errors, long throttles) {

    public static final UsageFigures NONE = new UsageFigures(0, 0, 0, 0, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, 0);

    public UsageFigures plus(UsageFigures other) {
        return new UsageFigures(requests + other.requests, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, cacheReadTokens + other.cacheReadTokens,
                cacheWriteTokens + other.cacheWriteTokens, costUsd.add(other.costUsd), cacheHits + other.cacheHits,
                savedCostUsd.add(other.savedCostUsd), errors + other.errors, throttles + other.throttles);
    }
}
