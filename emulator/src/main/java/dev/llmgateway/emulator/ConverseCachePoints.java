package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache checkpoints of a Converse request: each {@code cachePoint} block in {@code toolConfig.tools}, in
 * {@code system} and in the messages' content, with the prompt before it (in that order: tools, system, messages),
 * hashed and counted. Refuses them as Bedrock does: on a model family without prompt caching, in the tools of a model
 * that caches no tools (Amazon Nova), and past four a request.
 */
final class ConverseCachePoints {
    static final String UNSUPPORTED =
            "You invoked an unsupported model or your request did not allow prompt caching. See the documentation "
                    + "for more information.";

    private ConverseCachePoints() {
    }

    /** @param prompt the request as parsed, whose token counts the prefixes add up */
    static List<PromptCacheSimulator.CacheCheckpoint> of(JsonNode body, ChatPrompt prompt, ModelFamily family) {
        PromptPrefix prefix = new PromptPrefix();
        List<PromptCacheSimulator.CacheCheckpoint> checkpoints = new ArrayList<>();
        int before = 0;
        for (JsonNode tool : body.path("toolConfig").path("tools")) {
            if (tool.has("cachePoint")) {
                if (!family.cachesTools()) {
                    throw BedrockFailure.validation(UNSUPPORTED);
                }
                checkpoints.add(prefix.checkpoint(tool.get("cachePoint").path("ttl").asText(), before));
            } else {
                JsonNode spec = tool.path("toolSpec");
                JsonNode schema = spec.path("inputSchema").path("json");
                before += new ToolSpec(spec.path("name").asText(""), spec.path("description").asText(""),
                        schema.isObject() ? schema : Json.object()).inputTokens();
                prefix.add(tool);
            }
        }
        before = prompt.tools().inputTokens();
        for (JsonNode block : body.path("system")) {
            if (block.has("cachePoint")) {
                checkpoints.add(prefix.checkpoint(block.get("cachePoint").path("ttl").asText(), before));
            } else {
                before += EmulatorTokenizer.count(block.path("text").asText(""));
                prefix.add(block);
            }
        }
        before = prompt.tools().inputTokens() + EmulatorTokenizer.count(prompt.system());
        JsonNode messages = body.path("messages");
        for (int m = 0; m < messages.size(); m++) {
            JsonNode message = messages.get(m);
            prefix.add(message.path("role"));
            JsonNode content = message.path("content");
            ArrayNode upTo = Json.MAPPER.createArrayNode();
            for (JsonNode block : content) {
                if (block.has("cachePoint")) {
                    int turn = ConverseRequestParser.turn(Json.object().put("role", message.path("role").asText(""))
                            .set("content", upTo), m).inputTokens();
                    checkpoints.add(prefix.checkpoint(block.get("cachePoint").path("ttl").asText(), before + turn));
                } else {
                    upTo.add(block);
                    prefix.add(block);
                }
            }
            before += prompt.turns().get(m).inputTokens();
        }
        if (!checkpoints.isEmpty() && !family.cachesPrompts()) {
            throw BedrockFailure.validation(UNSUPPORTED);
        }
        PromptPrefix.checkCount(checkpoints.size());
        return checkpoints;
    }
}
