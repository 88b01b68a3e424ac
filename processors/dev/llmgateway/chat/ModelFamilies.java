package dev.llmgateway.chat;

import java.util.Set;
import java.util.TreeSet;

/**
 * The model families the gateway knows. A family names the tokenizer the token estimate allows for and whether the
 * model chats (Converse) or embeds text.
 */
public final class ModelFamilies {

    public static final Set<String> CHAT = Set.of("claude", "nova", "llama", "mistral");
    public static final Set<String> EMBEDDING = Set.of("titan-embed", "cohere-embed");

    private ModelFamilies() {
    }

    /** @return every family, sorted */
    public static Set<String> all() {
        Set<String> all = new TreeSet<>(CHAT);
        all.addAll(EMBEDDING);
        return all;
    }

    public static boolean isChat(String family) {
        return family != null && !EMBEDDING.contains(family);
    }
}
