package dev.llmgateway.failover;

import dev.llmgateway.chat.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The order in which one request tries its model's regions: the configured order; or, when the alias is weighted,
 * a first region drawn by weight, then the others in configured order (so failover still reaches all of them).
 */
public final class RegionOrder {

    private final Supplier<RandomGenerator> random;

    public RegionOrder() {
        this(ThreadLocalRandom::current);
    }

    public RegionOrder(Supplier<RandomGenerator> random) {
        this.random = random;
    }

    public List<ModelSpec.RegionTarget> of(ModelSpec model) {
        List<ModelSpec.RegionTarget> targets = model.targets();
        if (!model.weighted() || targets.size() < 2) {
            return targets;
        }
        int first = draw(targets);
        List<ModelSpec.RegionTarget> order = new ArrayList<>(targets.size());
        order.add(targets.get(first));
        for (int i = 0; i < targets.size(); i++) {
            if (i != first) {
                order.add(targets.get(i));
            }
        }
        return order;
    }

    private int draw(List<ModelSpec.RegionTarget> targets) {
        double total = targets.stream().mapToDouble(RegionOrder::weightOf).sum();
        double point = random.get().nextDouble() * total;
        int last = 0;
        for (int i = 0; i < targets.size(); i++) {
            double weight = weightOf(targets.get(i));
            if (weight <= 0) {
                continue;
            }
            last = i;
            point -= weight;
            if (point < 0) {
                return i;
            }
        }
        return last;
    }

    private static double weightOf(ModelSpec.RegionTarget target) {
        return target.weight() == null ? 0 : target.weight();
    }
}
