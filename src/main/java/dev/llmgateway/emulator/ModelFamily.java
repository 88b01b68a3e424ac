package dev.llmgateway.emulator;

/** The model families the emulator can play. */
enum ModelFamily {
    CLAUDE, TITAN_EMBED_V1, TITAN_EMBED_V2;

    boolean isChat() {
        return this == CLAUDE;
    }
}
