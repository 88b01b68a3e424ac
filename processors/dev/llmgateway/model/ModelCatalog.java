package dev.llmgateway.model;

import dev.llmgateway.chat.ModelSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The configured model aliases, with the output limit each uses when a request names none and its fallbacks. */
public final class ModelCatalog {

    /**
     * One alias: what it maps to, its default max_tokens, and the aliases it falls back to, in order.
     *
     * @param fallbacks aliases of the catalog (checked at start: known, chat models, no cycles)
     */
    public record Entry(ModelSpec spec, int defaultMaxTokens, List<String> fallbacks) {

        public Entry {
            fallbacks = List.copyOf(fallbacks);
        }

        /** An alias without fallbacks. */
        public Entry(ModelSpec spec, int defaultMaxTokens) {
            this(spec, defaultMaxTokens, List.of());
        }
    }

    private final Map<String, Entry> entries;
    private final Map<String, List<ModelSpec>> fallbackChains;

    public ModelCatalog(Collection<Entry> entries) {
        Map<String, Entry> byAlias = new LinkedHashMap<>();
        entries.forEach(e -> byAlias.put(e.spec().alias(), e));
        this.entries = Map.copyOf(byAlias);
        Map<String, List<ModelSpec>> chains = new LinkedHashMap<>();
        byAlias.keySet().forEach(alias -> chains.put(alias, chainOf(alias)));
        this.fallbackChains = Map.copyOf(chains);
    }

    public Entry find(String alias) {
        return entries.get(alias);
    }

    /**
     * @return the models tried, in order, once every region of the alias failed: its fallbacks, each followed by its
     *         own fallbacks (depth first), every alias once and never the alias itself; empty for an unknown alias
     */
    public List<ModelSpec> fallbacksOf(String alias) {
        return fallbackChains.getOrDefault(alias, List.of());
    }

    /** @return the entries in alias order */
    public Collection<Entry> entries() {
        return entries.values().stream().sorted((a, b) -> a.spec().alias().compareTo(b.spec().alias())).toList();
    }

    private List<ModelSpec> chainOf(String alias) {
        Set<String> chain = new LinkedHashSet<>();
        addFallbacks(alias, alias, chain);
        List<ModelSpec> specs = new ArrayList<>(chain.size());
        chain.forEach(name -> specs.add(entries.get(name).spec()));
        return List.copyOf(specs);
    }

    /** The set ends the walk on a cycle, which the settings validation refuses anyway. */
    private void addFallbacks(String origin, String alias, Set<String> chain) {
        Entry entry = entries.get(alias);
        if (entry == null) {
            return;
        }
        for (String fallback : entry.fallbacks()) {
            if (!fallback.equals(origin) && entries.containsKey(fallback) && chain.add(fallback)) {
                addFallbacks(origin, fallback, chain);
            }
        }
    }
}
