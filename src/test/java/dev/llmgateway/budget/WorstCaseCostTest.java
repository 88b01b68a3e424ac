package dev.llmgateway.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.cost.ModelPrice;
import dev.llmgateway.cost.PriceTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorstCaseCostTest {

    private final WorstCaseCost worstCase = new WorstCaseCost(new PriceTable(Map.of(
            "cheap", new ModelPrice(1.0, 5.0, null, null, Map.of("eu-central-1", new ModelPrice(2.0, 30.0, null, null, null))),
            "dear", new ModelPrice(3.0, 15.0, null, null, null),
            "cached", new ModelPrice(3.0, 15.0, 0.3, 3.75, null))));

    @Test
    void theMostExpensiveTargetPricesThePromptAndAllTheOutput() {
        ModelSpec model = new ModelSpec("m", "claude", 1000, 100, Set.of(), List.of(
                new ModelSpec.RegionTarget("us-east-1", "cheap"), new ModelSpec.RegionTarget("us-west-2", "dear")));

        assertThat(worstCase.of(model, 1_000_000, 100_000, false)).isEqualByComparingTo(new BigDecimal("4.5"));
    }

    @Test
    void aRegionalPriceCountsWhereItIsHigher() {
        ModelSpec model = new ModelSpec("m", "claude", 1000, 100, Set.of(), List.of(
                new ModelSpec.RegionTarget("eu-central-1", "cheap"), new ModelSpec.RegionTarget("us-west-2", "dear")));

        assertThat(worstCase.of(model, 1_000_000, 100_000, false)).isEqualByComparingTo(new BigDecimal("5.0"));
    }

    @Test
    void aPromptThatMayBeWrittenToThePromptCacheIsPricedAtTheCacheWritePrice() {
        ModelSpec model = new ModelSpec("m", "claude", 1000, 100, Set.of(), List.of(
                new ModelSpec.RegionTarget("us-east-1", "cached")));

        assertThat(worstCase.of(model, 1_000_000, 100_000, false)).isEqualByComparingTo(new BigDecimal("4.5"));
        assertThat(worstCase.of(model, 1_000_000, 100_000, true)).isEqualByComparingTo(new BigDecimal("5.25"));
    }
}
