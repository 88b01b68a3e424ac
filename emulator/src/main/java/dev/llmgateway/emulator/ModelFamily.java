package dev.llmgateway.emulator;

/** The model families the emulator can play. */
enum ModelFamily {
    CLAUDE, NOVA, LLAMA, MISTRAL, TITAN_EMBED_V1, TITAN_EMBED_V2, COHERE_EMBED;

    boolean isChat() {
        return this != TITAN_EMBED_V1 && this != TITAN_EMBED_V2 && this != COHERE_EMBED;
    }

    /**
     * Whether the emulator reads this family's InvokeModel body: it plays Anthropic's Messages body only, so the other
     * chat families answer Converse and ConverseStream alone.
     */
    boolean takesMessagesBody() {
        return this == CLAUDE;
    }

    /**
     * Whether Bedrock's CountTokens counts for this family: Claude's are counted and Nova's refused with a
     * ValidationException; Llama and Mistral are taken to be refused too (not verified).
     */
    boolean countsTokens() {
        return this == CLAUDE;
    }

    /** Whether Bedrock takes cachePoint blocks for this family (in system and messages): Claude's and Nova's. */
    boolean cachesPrompts() {
        return this == CLAUDE || this == NOVA;
    }

    /** Whether a cachePoint may also follow the tool definitions: Claude's only. */
    boolean cachesTools() {
        return this == CLAUDE;
    }
}
