package dev.llmgateway.budget;

import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.cost.PriceTable;
import java.math.BigDecimal;

/**
 * The most a call can cost: its prompt and all the output it may write, at the price of the model's most expensive
 * target (failover may land the call in any of them).
 */
public final class WorstCaseCost {

    private final PriceTable prices;

    public WorstCaseCost(PriceTable prices) {
        this.prices = prices;
    }

    public BigDecimal of(ModelSpec model, long promptTokens, long maxOutputTokens) {
        return model.targets().stream()
                .map(t -> prices.cost(t.modelId(), t.region(), promptTokens, maxOutputTokens))
                .max(BigDecimal::compareTo)
                .orElseThrow(() -> new IllegalStateException("model " + model.alias() + " has no targets"));
    }
}
