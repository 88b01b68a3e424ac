package dev.llmgateway.emulator;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The first user message whose tool results do not answer the tool uses of the assistant message before it:
 * a result for an id that message did not use, or a use left without a result. Each API words it its own way.
 *
 * @param messageIndex the user message, counted from 0
 * @param toolUsesBefore how many tool uses the message before it made
 * @param results how many tool results the user message carries
 * @param unexpected the first result answering no tool use of the message before
 * @param unanswered the ids of that message's tool uses that no result answers
 */
record ToolTurnGap(int messageIndex, int toolUsesBefore, int results, Optional<ToolResult> unexpected, List<String> unanswered) {

    static Optional<ToolTurnGap> find(List<ChatPrompt.Turn> turns) {
        for (int i = 0; i < turns.size(); i++) {
            ChatPrompt.Turn turn = turns.get(i);
            if (!turn.role().equals("user")) {
                continue;
            }
            List<ToolCall> uses = i > 0 && turns.get(i - 1).role().equals("assistant") ? turns.get(i - 1).toolCalls() : List.of();
            Set<String> useIds = uses.stream().map(ToolCall::id).collect(Collectors.toSet());
            Set<String> resultIds = turn.toolResults().stream().map(ToolResult::toolUseId).collect(Collectors.toSet());
            Optional<ToolResult> unexpected = turn.toolResults().stream().filter(r -> !useIds.contains(r.toolUseId())).findFirst();
            List<String> unanswered = uses.stream().map(ToolCall::id).filter(id -> !resultIds.contains(id)).collect(Collectors.toList());
            if (unexpected.isPresent() || !unanswered.isEmpty()) {
                return Optional.of(new ToolTurnGap(i, uses.size(), turn.toolResults().size(), unexpected, unanswered));
            }
        }
        return Optional.empty();
    }
}
