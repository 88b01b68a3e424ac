package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answer to a turn of tool results (each answers a tool use of the turn before: the parsers checked): one
 * sentence per result, in order, quoting what the tool returned
 * ({@code According to get_weather: Sunny, 22 degrees.}; JSON as {@code key: value} pairs) or how it failed
 * ({@code get_weather failed: City not found.}).
 */
final class ToolResultReply {

    private ToolResultReply() {
    }

    static String compose(ChatPrompt prompt) {
        Map<String, String> toolNames = new HashMap<>();
        prompt.turns().forEach(turn -> turn.toolCalls().forEach(call -> toolNames.put(call.id(), call.name())));
        List<String> sentences = new ArrayList<>();
        for (ToolResult result : prompt.lastUserTurn().toolResults()) {
            String tool = toolNames.get(result.toolUseId());
            String content = result.content().stream().map(ToolResultReply::render).map(String::strip)
                    .filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
            String sentence = result.error() ? tool + " failed: " + (content.isEmpty() ? "no reason given" : content)
                    : "According to " + tool + ": " + (content.isEmpty() ? "nothing" : content);
            sentences.add(sentence.matches("(?s).*[.!?]$") ? sentence : sentence + ".");
        }
        return String.join(" ", sentences);
    }

    private static String render(JsonNode node) {
        if (node.isObject()) {
            List<String> pairs = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                pairs.add(field.getKey() + ": " + render(field.getValue()));
            }
            return String.join(", ", pairs);
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(render(item)));
            return String.join(", ", items);
        }
        return node.asText();
    }
}
