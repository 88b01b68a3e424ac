package dev.llmgateway.emulator;

import java.util.List;

/**
 * A finished answer: its content blocks (an optional text, then any tool uses), and why it stopped.
 * {@code stopSequence} is the matched stop sequence, or null.
 */
record GeneratedAnswer(List<AnswerBlock> blocks, StopReason stopReason, String stopSequence) {

    GeneratedAnswer {
        blocks = List.copyOf(blocks);
    }

    static GeneratedAnswer text(AnswerBlock.Text text, StopReason stopReason, String stopSequence) {
        return new GeneratedAnswer(List.of(text), stopReason, stopSequence);
    }

    /** One token per piece streamed, whether of text or of a tool input's JSON. */
    int outputTokens() {
        return blocks.stream().mapToInt(block -> block.pieces().size()).sum();
    }
}
