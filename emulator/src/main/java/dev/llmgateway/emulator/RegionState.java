package dev.llmgateway.emulator;

import java.util.Map;
import java.util.Random;

/** One region's behaviour with what it remembers: its quota window, its seeded fault dice and its counters. */
final class RegionState {
    private final RegionBehaviour behaviour;
    private final RegionCounters counters;
    private final SlidingWindowQuota quota;
    private final Random faultDice;
    private final PromptCacheSimulator promptCache = new PromptCacheSimulator(System::nanoTime);

    RegionState(RegionBehaviour behaviour, RegionCounters counters) {
        this.behaviour = behaviour;
        this.counters = counters;
        this.quota = new SlidingWindowQuota(behaviour.requestsPerMinute(), behaviour.tokensPerMinute(), System::nanoTime);
        this.faultDice = new Random(behaviour.faultSeed());
    }

    RegionBehaviour behaviour() {
        return behaviour;
    }

    RegionCounters counters() {
        return counters;
    }

    /** The region's prompt cache: Bedrock's is regional. */
    PromptCacheSimulator promptCache() {
        return promptCache;
    }

    /**
     * Lets a model call of this many tokens (input and output) through, or throws the failure the
     * region answers with: throttling when a quota is spent, else an injected fault drawn at random.
     */
    void admit(long tokens) {
        quota.tryAdmit(tokens).ifPresent(message -> {
            counters.throttled();
            throw new BedrockFailure(BedrockError.THROTTLING, message);
        });
        if (behaviour.failureRates().isEmpty()) {
            return;
        }
        double roll;
        synchronized (faultDice) {
            roll = faultDice.nextDouble();
        }
        double cumulative = 0;
        for (Map.Entry<BedrockError, Double> rate : behaviour.failureRates().entrySet()) {
            cumulative += rate.getValue();
            if (roll < cumulative) {
                counters.failedByInjectedFault();
                throw new BedrockFailure(rate.getKey(), InjectedFaultMessages.of(rate.getKey()));
            }
        }
    }
}
