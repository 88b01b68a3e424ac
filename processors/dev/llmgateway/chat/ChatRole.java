package dev.llmgateway.chat;

import java.util.Locale;

/** The roles a chat message may have, as the OpenAI and Anthropic formats name them. */
public enum ChatRole {
    SYSTEM, USER, ASSISTANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the role for a wire name, or null when the name is not a role we accept */
    public static ChatRole fromWireName(String name) {
        for (ChatRole role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        return null;
    }
}
