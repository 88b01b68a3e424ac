package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache checkpoints of Claude's Messages body on InvokeModel: each block (a tool, a system text block, a
 * message's content block) carrying {@code cache_control}, with the prompt up to and including it (tools, system,
 * messages), hashed without the markers and counted. More than four are refused in Anthropic's words.
 */
final class AnthropicCacheControls {
    private static final String FIELD = "cache_control";

    private AnthropicCacheControls() {
    }

    /** @param prompt the body as parsed, whose token counts the prefixes add up */
    static List<PromptCacheSimulator.CacheCheckpoint> of(JsonNode body, ChatPrompt prompt) {
        PromptPrefix prefix = new PromptPrefix();
        List<PromptCacheSimulator.CacheCheckpoint> checkpoints = new ArrayList<>();
        int before = 0;
        for (JsonNode tool : body.path("tools")) {
            prefix.add(unmarked(tool));
            before += new ToolSpec(tool.path("name").asText(""), tool.path("description").asText(""),
                    tool.path("input_schema")).inputTokens();
            addIfMarked(checkpoints, prefix, tool, before);
        }
        before = prompt.tools().inputTokens();
        JsonNode system = body.path("system");
        if (system.isArray()) {
            for (JsonNode block : system) {
                prefix.add(unmarked(block));
                before += EmulatorTokenizer.count(block.path("text").asText(""));
                addIfMarked(checkpoints, prefix, block, before);
            }
        } else {
            prefix.add(system);
        }
        before = prompt.tools().inputTokens() + EmulatorTokenizer.count(prompt.system());
        JsonNode messages = body.path("messages");
        for (int m = 0; m < messages.size(); m++) {
            JsonNode message = messages.get(m);
            String role = message.path("role").asText("");
            prefix.add(message.path("role"));
            JsonNode content = message.path("content");
            if (!content.isArray()) {
                prefix.add(content);
            } else {
                ArrayNode upTo = Json.MAPPER.createArrayNode();
                for (JsonNode block : content) {
                    prefix.add(unmarked(block));
                    upTo.add(block);
                    if (block.has(FIELD)) {
                        addIfMarked(checkpoints, prefix, block,
                                before + AnthropicRequestParser.turn(role, m, upTo).inputTokens());
                    }
                }
            }
            before += prompt.turns().get(m).inputTokens();
        }
        PromptPrefix.checkCount(checkpoints.size());
        return checkpoints;
    }

    private static void addIfMarked(List<PromptCacheSimulator.CacheCheckpoint> checkpoints, PromptPrefix prefix,
                                    JsonNode block, int tokensThrough) {
        JsonNode control = block.path(FIELD);
        if (control.isObject()) {
            checkpoints.add(prefix.checkpoint(control.path("ttl").asText(), tokensThrough));
        }
    }

    /** The block as the cache sees it: a marker on it does not change the prompt. */
    private static JsonNode unmarked(JsonNode block) {
        if (!block.has(FIELD)) {
            return block;
        }
        ObjectNode copy = ((ObjectNode) block).deepCopy();
        copy.remove(FIELD);
        return copy;
    }
}
