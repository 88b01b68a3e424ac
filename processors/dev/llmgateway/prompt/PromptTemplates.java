package dev.llmgateway.prompt;

import dev.llmgateway.chat.GatewayException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The configured templates by id and version; {@code id@N} names a version, a bare {@code id} the latest. */
public final class PromptTemplates {

    /** A template found for a reference, with its exact id@version. */
    public record Resolved(String reference, PromptTemplate template) {
    }

    private final Map<String, NavigableMap<Integer, PromptTemplate>> templates;

    /** @param templates id -> version -> template */
    public PromptTemplates(Map<String, Map<Integer, PromptTemplate>> templates) {
        this.templates = templates.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> new TreeMap<>(e.getValue())));
    }

    public Resolved resolve(String reference) {
        int at = reference.indexOf('@');
        String id = at < 0 ? reference : reference.substring(0, at);
        NavigableMap<Integer, PromptTemplate> versions = templates.get(id);
        if (versions == null || versions.isEmpty()) {
            throw notFound("There is no prompt template '" + id + "'. Known templates: "
                    + (templates.isEmpty() ? "none are configured" : String.join(", ", new TreeMap<>(templates).keySet())) + ".");
        }
        if (at < 0) {
            return new Resolved(id + "@" + versions.lastKey(), versions.lastEntry().getValue());
        }
        Integer version = parseVersion(reference.substring(at + 1));
        PromptTemplate template = version == null ? null : versions.get(version);
        if (template == null) {
            throw notFound("Prompt template '" + id + "' has no version '" + reference.substring(at + 1)
                    + "'. Its versions: " + versions.keySet().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ".");
        }
        return new Resolved(id + "@" + version, template);
    }

    private static Integer parseVersion(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static GatewayException notFound(String message) {
        return new GatewayException(404, "invalid_request_error", "template_not_found", message);
    }
}
