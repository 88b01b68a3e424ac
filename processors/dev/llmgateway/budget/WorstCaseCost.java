package dev.llmgateway.budget;

import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.cost.PriceTable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The most a call can cost: its prompt and all the output it may write, at the price of the most expensive target
 * of its model and of the fallback models that can take it (failover may land the call in any of them). A prompt with
 * cache breakpoints may be written to Bedrock's prompt cache, which costs more than input (a quarter more for Claude):
 * its tokens are priced at the dearer of the two.
 */
public final class WorstCaseCost {

    private final PriceTable prices;

    public WorstCaseCost(PriceTable prices) {
        this.prices = prices;
    }

    /**
     * @param models       the requested model and the fallbacks that can take the request
     * @param cachesPrompt whether the request has prompt-cache breakpoints
     */
    public BigDecimal of(List<ModelSpec> models, long promptTokens, long maxOutputTokens, boolean cachesPrompt) {
        return models.stream().map(model -> of(model, promptTokens, maxOutputTokens, cachesPrompt))
                .max(BigDecimal::compareTo).orElseThrow(() -> new IllegalArgumentException("no model"));
    }

    /** @param cachesPrompt whether the request has prompt-cache breakpoints */
    public BigDecimal of(ModelSpec model, long promptTokens, long maxOutputTokens, boolean cachesPrompt) {
        return model.targets().stream()
                .map(t -> {
                    BigDecimal asInput = prices.cost(t.modelId(), t.region(), promptTokens, maxOutputTokens);
                    return cachesPrompt
                            ? asInput.max(prices.cost(t.modelId(), t.region(), 0, maxOutputTokens, 0, promptTokens))
                            : asInput;
                })
                .max(BigDecimal::compareTo)
                .orElseThrow(() -> new IllegalStateException("model " + model.alias() + " has no targets"));
    }
}
