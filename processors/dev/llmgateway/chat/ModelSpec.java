package dev.llmgateway.chat;

import java.util.List;
import java.util.Set;

/**
 * A public model alias and what it maps to upstream.
 *
 * @param alias           the public name callers use, e.g. claude-3-5-sonnet
 * @param family          the tokenizer family, one of {@link ModelFamilies}
 * @param contextWindow   input plus output tokens the model accepts
 * @param maxOutputTokens the most output tokens the model can write in one answer
 * @param capabilities    what the model can do beyond plain text chat; a request using anything else is refused
 * @param targets         regions to call, in order of preference, each with its model id or inference profile (and,
 *                        when the alias is weighted, the share of requests that start there)
 */
public record ModelSpec(String alias, String family, int contextWindow, int maxOutputTokens,
                        Set<Capability> capabilities, List<RegionTarget> targets) {

    public ModelSpec {
        capabilities = Set.copyOf(capabilities);
        targets = List.copyOf(targets);
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    /** @return whether the first region of each request is drawn by the targets' weights */
    public boolean weighted() {
        return targets.stream().anyMatch(t -> t.weight() != null);
    }

    /**
     * One place the model can be called: a region and the model id or inference profile to use there.
     *
     * @param weight relative share of requests that try this region first, or null when the alias is unweighted
     */
    public record RegionTarget(String region, String modelId, Double weight) {

        public RegionTarget(String region, String modelId) {
            this(region, modelId, null);
        }
    }
}
