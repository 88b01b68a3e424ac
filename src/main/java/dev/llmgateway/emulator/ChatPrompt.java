package dev.llmgateway.emulator;

import java.util.List;

/** A chat request reduced to what the emulator needs, whichever API (Anthropic Messages or Converse) it came through. */
record ChatPrompt(String system, List<Turn> turns, int maxTokens, List<String> stopSequences) {

    record Turn(String role, String text) {
    }

    ChatPrompt {
        turns = List.copyOf(turns);
        stopSequences = List.copyOf(stopSequences);
    }

    /** Every text the model reads: the system prompt and all turns. */
    int inputTokens() {
        return EmulatorTokenizer.count(system) + turns.stream().mapToInt(t -> EmulatorTokenizer.count(t.text())).sum();
    }

    String lastUserText() {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i).role().equals("user")) {
                return turns.get(i).text();
            }
        }
        return "";
    }
}
