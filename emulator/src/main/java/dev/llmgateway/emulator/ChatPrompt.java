package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A chat request reduced to what the emulator needs, whichever API (Anthropic Messages or Converse) it came through.
 *
 * @param answerSchema the JSON schema a structured answer's text must match (Converse's outputConfig), or null
 */
record ChatPrompt(String system, List<Turn> turns, int maxTokens, List<String> stopSequences, ToolSet tools,
                  JsonNode answerSchema) {
    private static final Turn NO_TURN = new Turn("user", "");

    /**
     * One message: its text blocks joined, the tools it called (assistant), and the tool results and the images and
     * documents it carries (user).
     */
    record Turn(String role, String text, List<ToolCall> toolCalls, List<ToolResult> toolResults, List<MediaBlock> media) {

        Turn {
            toolCalls = List.copyOf(toolCalls);
            toolResults = List.copyOf(toolResults);
            media = List.copyOf(media);
        }

        Turn(String role, String text) {
            this(role, text, List.of(), List.of(), List.of());
        }

        boolean hasToolBlocks() {
            return !toolCalls.isEmpty() || !toolResults.isEmpty();
        }

        int inputTokens() {
            return EmulatorTokenizer.count(text) + toolCalls.stream().mapToInt(ToolCall::inputTokens).sum()
                    + toolResults.stream().mapToInt(ToolResult::inputTokens).sum()
                    + media.stream().mapToInt(MediaBlock::inputTokens).sum();
        }
    }

    ChatPrompt {
        turns = List.copyOf(turns);
        stopSequences = List.copyOf(stopSequences);
    }

    /** A prompt that asks for a free answer. */
    ChatPrompt(String system, List<Turn> turns, int maxTokens, List<String> stopSequences, ToolSet tools) {
        this(system, turns, maxTokens, stopSequences, tools, null);
    }

    /** Everything the model reads: the system prompt, the tool definitions and all turns with their tool blocks, images and documents. */
    int inputTokens() {
        return EmulatorTokenizer.count(system) + tools.inputTokens() + turns.stream().mapToInt(Turn::inputTokens).sum();
    }

    Turn lastUserTurn() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).role().equals("user")) {
                return turns.get(i);
            }
        }
        return NO_TURN;
    }

    /** The last user text: a turn that only carries tool results is passed over, so this is what the user asked. */
    String lastUserText() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn turn = turns.get(i);
            if (turn.role().equals("user") && !turn.text().isBlank()) {
                return turn.text();
            }
        }
        return "";
    }
}
