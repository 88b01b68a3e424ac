package dev.llmgateway.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.chat.ModelSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegionOrderTest {

    private final Random random = new Random(7);
    private final RegionOrder order = new RegionOrder(() -> random);

    @Test
    void withoutWeightsEveryRequestFollowsTheConfiguredOrder() {
        ModelSpec model = model(new ModelSpec.RegionTarget("us-east-1", "m"), new ModelSpec.RegionTarget("us-west-2", "m"));

        for (int i = 0; i < 20; i++) {
            assertThat(regions(order.of(model))).containsExactly("us-east-1", "us-west-2");
        }
    }

    @Test
    void weightsChooseTheFirstRegionAndTheOthersFollowInConfiguredOrder() {
        ModelSpec model = model(new ModelSpec.RegionTarget("us-east-1", "m", 1.0),
                new ModelSpec.RegionTarget("us-west-2", "m", 2.0), new ModelSpec.RegionTarget("eu-west-1", "m", 1.0));
        Map<String, Integer> firsts = new HashMap<>();

        for (int i = 0; i < 4000; i++) {
            List<String> regions = regions(order.of(model));
            assertThat(regions).containsExactlyInAnyOrder("us-east-1", "us-west-2", "eu-west-1");
            List<String> rest = regions.subList(1, 3);
            assertThat(rest).isSortedAccordingTo((a, b) -> indexIn(model, a) - indexIn(model, b));
            firsts.merge(regions.get(0), 1, Integer::sum);
        }

        assertThat(firsts.get("us-west-2")).isBetween(1800, 2200);
        assertThat(firsts.get("us-east-1")).isBetween(800, 1200);
        assertThat(firsts.get("eu-west-1")).isBetween(800, 1200);
    }

    @Test
    void aZeroWeightRegionIsNeverFirstButStillAFallback() {
        ModelSpec model = model(new ModelSpec.RegionTarget("us-east-1", "m", 0.0),
                new ModelSpec.RegionTarget("us-west-2", "m", 5.0));

        for (int i = 0; i < 200; i++) {
            assertThat(regions(order.of(model))).containsExactly("us-west-2", "us-east-1");
        }
    }

    private static ModelSpec model(ModelSpec.RegionTarget... targets) {
        return new ModelSpec("m", "claude", 1000, 100, Set.of(), List.of(targets));
    }

    private static List<String> regions(List<ModelSpec.RegionTarget> targets) {
        return targets.stream().map(ModelSpec.RegionTarget::region).toList();
    }

    private static int indexIn(ModelSpec model, String region) {
        return regions(model.targets()).indexOf(region);
    }
}
