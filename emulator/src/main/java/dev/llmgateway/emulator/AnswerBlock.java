package dev.llmgateway.emulator;

import java.util.List;

/** One content block of an answer, with the one-token pieces it streams as. */
sealed interface AnswerBlock permits AnswerBlock.Text, AnswerBlock.ToolUse, AnswerBlock.Reasoning,
        AnswerBlock.RedactedReasoning {

    List<String> pieces();

    record Text(String text, List<String> pieces) implements AnswerBlock {
        public Text {
            pieces = List.copyOf(pieces);
        }
    }

    /** A tool call; it streams as pieces of its input's JSON text. */
    record ToolUse(ToolCall call, List<String> pieces) implements AnswerBlock {
        public ToolUse {
            pieces = List.copyOf(pieces);
        }

        static ToolUse of(ToolCall call) {
            return new ToolUse(call, EmulatorTokenizer.pieces(Json.text(call.input())));
        }
    }

    /** The model's reasoning (Converse only), streamed as pieces of its text, then its signature. */
    record Reasoning(String text, List<String> pieces, String signature) implements AnswerBlock {
        public Reasoning {
            pieces = List.copyOf(pieces);
        }
    }

    /** Reasoning the model's safety systems encrypted (Converse only): it arrives whole and counts no tokens. */
    record RedactedReasoning(byte[] data) implements AnswerBlock {
        @Override
        public List<String> pieces() {
            return List.of();
        }
    }
}
