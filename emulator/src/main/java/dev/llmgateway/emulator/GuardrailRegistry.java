package dev.llmgateway.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The guardrails the emulator knows, by identifier (guardrails are not regional here: every region has them). */
final class GuardrailRegistry {
    private final Map<String, GuardrailDefinition> guardrails = new ConcurrentHashMap<>();

    void define(String identifier, GuardrailDefinition guardrail) {
        guardrails.put(identifier, guardrail);
    }

    void clear() {
        guardrails.clear();
    }

    /** @param identifier an id, or a guardrail ARN whose last segment is the id */
    Optional<GuardrailDefinition> find(String identifier, String version) {
        String id = identifier.substring(identifier.lastIndexOf('/') + 1);
        return Optional.ofNullable(guardrails.get(id)).filter(g -> g.hasVersion(version));
    }
}
