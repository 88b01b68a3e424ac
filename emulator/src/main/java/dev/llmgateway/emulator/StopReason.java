package dev.llmgateway.emulator;

import java.util.Locale;

/** Why generation ended; Anthropic and Converse spell these the same way on the wire. */
enum StopReason {
    END_TURN, MAX_TOKENS, STOP_SEQUENCE, TOOL_USE;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
