package dev.llmgateway.emulator;

import java.util.Locale;

/** Why generation ended; Anthropic and Converse spell these the same way on the wire. */
enum StopReason {
    END_TURN, MAX_TOKENS, STOP_SEQUENCE;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
