package dev.llmgateway.chat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Something a model can do beyond plain text chat, by the name the settings and GET /v1/models use. */
public enum Capability {
    TOOLS("tools"),
    IMAGES("images"),
    DOCUMENTS("documents"),
    REASONING("reasoning"),
    PROMPT_CACHING("promptCaching"),
    STRUCTURED_OUTPUT("structuredOutput");

    private final String wireName;

    Capability(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Capability> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    /** @return every capability's name, in declaration order */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Capability::wireName).toList();
    }
}
