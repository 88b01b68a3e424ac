package dev.llmgateway.cost;

import java.util.Map;

/**
 * What a model costs, in US dollars per million tokens.
 *
 * @param input      prompt tokens
 * @param output     answer tokens
 * @param cacheRead  prompt tokens read from Bedrock's prompt cache (null: billed as input)
 * @param cacheWrite prompt tokens written to Bedrock's prompt cache (null: billed as input)
 * @param regions    prices that differ in some regions, by region
 */
public record ModelPrice(double input, double output, Double cacheRead, Double cacheWrite,
                         Map<String, ModelPrice> regions) {

    public ModelPrice {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    public ModelPrice in(String region) {
        return region == null ? this : regions.getOrDefault(region, this);
    }
}
