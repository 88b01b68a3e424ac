package dev.llmgateway.model;

import dev.llmgateway.chat.ModelSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configured model aliases, with the output limit each uses when a request names none. */
public final class ModelCatalog {

    /** One alias: what it maps to, and its default max_tokens. */
    public record Entry(ModelSpec spec, int defaultMaxTokens) {
    }

    private final Map<String, Entry> entries;

    public ModelCatalog(Collection<Entry> entries) {
        Map<String, Entry> byAlias = new LinkedHashMap<>();
        entries.forEach(e -> byAlias.put(e.spec().alias(), e));
        this.entries = Map.copyOf(byAlias);
    }

    public Entry find(String alias) {
        return entries.get(alias);
    }

    /** @return the entries in alias order */
    public Collection<Entry> entries() {
        return entries.values().stream().sorted((a, b) -> a.spec().alias().compareTo(b.spec().alias())).toList();
    }
}
