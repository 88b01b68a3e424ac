package dev.llmgateway.budget;

import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.cost.PriceTable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The most a call can cost: its prompt and all the output it may write, at the price of the most expensive target
 * of its model and of the fallback models that can take it (failover may land the call in any of them).
 */
public final class WorstCaseCost {

    private final PriceTable prices;

    public WorstCaseCost(PriceTable prices) {
        this.prices = prices;
    }

    /** @param models the requested model and the fallbacks that can take the request */
    public BigDecimal of(List<ModelSpec> models, long promptTokens, long maxOutputTokens) {
        return models.stream().map(model -> of(model, promptTokens, maxOutputTokens)).max(BigDecimal::compareTo)
                .orElseThrow(() -> new IllegalArgumentException("no model"));
    }

    public BigDecimal of(ModelSpec model, long promptTokens, long maxOutputTokens) {
        return model.targets().stream()
                .map(t -> prices.cost(t.modelId(), t.region(), promptTokens, maxOutputTokens))
                .max(BigDecimal::compareTo)
                .orElseThrow(() -> new IllegalStateException("model " + model.alias() + " has no targets"));
    }
}
