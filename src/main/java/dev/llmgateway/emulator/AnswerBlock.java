package dev.llmgateway.emulator;

import java.util.List;

/** One content block of an answer, with the one-token pieces it streams as. */
sealed interface AnswerBlock permits AnswerBlock.Text, AnswerBlock.ToolUse {

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
}
