package dev.llmgateway.guard.injection;

import java.util.Locale;

/** The families of prompt-injection technique the detector knows. */
public enum InjectionFamily {
    /** "ignore previous instructions", "you are now", "new system prompt". */
    INSTRUCTION_OVERRIDE,
    /** Turn markers and delimiters of chat formats, fake system headers, closing tags of our own delimiters. */
    ROLE_SPOOFING,
    /** Asking for the system prompt or the text that precedes the conversation. */
    PROMPT_EXTRACTION,
    /**
     * Instructions aimed at the assistant inside data (a tool result, a document, a file): words addressed to an AI
     * reader, directions for its answer, a new task, secrecy from the user, authority claimed.
     */
    EMBEDDED_INSTRUCTION,
    /** Base64 or hex blobs that decode to an injection. */
    ENCODED_PAYLOAD,
    /** Zero-width and control characters, homoglyphs, smuggled tag characters, spaced-out or leetspeak words. */
    OBFUSCATION,
    /** The learned classifier's score over the text's sentence embedding reached its threshold; no rule decided. */
    CLASSIFIER,
    /** Text the detector could not read within the request's inspection budget: treated as an injection (fail closed). */
    UNINSPECTABLE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
