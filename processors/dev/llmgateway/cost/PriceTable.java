package dev.llmgateway.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * Turns tokens into dollars, from the price table in application.yaml (per model id or inference profile, per
 * region where prices differ). Amounts are BigDecimal: a month of small calls must add up to the cent.
 */
public final class PriceTable {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, ModelPrice> prices;

    public PriceTable(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    public boolean knows(String modelId) {
        return prices.containsKey(modelId);
    }

    /** @throws IllegalArgumentException for a model id the table does not price (start-up validation prevents it) */
    public BigDecimal cost(String modelId, String region, long inputTokens, long outputTokens, long cacheReadTokens,
                           long cacheWriteTokens) {
        ModelPrice price = priceOf(modelId).in(region);
        double cacheRead = price.cacheRead() == null ? price.input() : price.cacheRead();
        double cacheWrite = price.cacheWrite() == null ? price.input() : price.cacheWrite();
        return perMillion(inputTokens, price.input())
                .add(perMillion(outputTokens, price.output()))
                .add(perMillion(cacheReadTokens, cacheRead))
                .add(perMillion(cacheWriteTokens, cacheWrite));
    }

    public BigDecimal cost(String modelId, String region, long inputTokens, long outputTokens) {
        return cost(modelId, region, inputTokens, outputTokens, 0, 0);
    }

    private ModelPrice priceOf(String modelId) {
        ModelPrice price = prices.get(modelId);
        if (price == null) {
            throw new IllegalArgumentException("no price for model id " + modelId + " in pricing:");
        }
        return price;
    }

    private static BigDecimal perMillion(long tokens, double dollarsPerMillion) {
        return BigDecimal.valueOf(tokens).multiply(BigDecimal.valueOf(dollarsPerMillion))
                .divide(MILLION, MathContext.DECIMAL64);
    }
}
