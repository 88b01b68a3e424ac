package dev.llmgateway.chat;

import java.util.List;

/**
 * A public model alias and what it maps to upstream.
 *
 * @param alias           the public name callers use, e.g. claude-3-5-sonnet
 * @param family          the tokenizer and wire family: claude or titan-embed
 * @param contextWindow   input plus output tokens the model accepts
 * @param maxOutputTokens the most output tokens the model can write in one answer
 * @param targets         regions to call, in order of preference, each with its model id or inference profile (and,
 *                        when the alias is weighted, the share of requests that start there)
 */
public record ModelSpec(String alias, String family, int contextWindow, int maxOutputTokens,
                        List<RegionTarget> targets) {

    public ModelSpec {
        targets = List.copyOf(targets);
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
