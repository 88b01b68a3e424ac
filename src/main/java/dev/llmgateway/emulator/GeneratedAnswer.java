package dev.llmgateway.emulator;

import java.util.List;

/**
 * A finished answer: its text, the one-token pieces it streams as, and why it stopped.
 * {@code stopSequence} is the matched stop sequence, or null.
 */
record GeneratedAnswer(String text, List<String> pieces, StopReason stopReason, String stopSequence) {

    GeneratedAnswer {
        pieces = List.copyOf(pieces);
    }

    int outputTokens() {
        return pieces.size();
    }
}
