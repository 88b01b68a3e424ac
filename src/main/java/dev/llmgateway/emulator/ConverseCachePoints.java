package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cache checkpoints of a Converse request: each {@code cachePoint} block in {@code toolConfig.tools}, in
 * {@code system} and in the messages' content, with the prompt before it (in that order: tools, system, messages),
 * hashed and counted. Refuses them as Bedrock does: on a model family without prompt caching, in the tools of a model
 * that caches no tools (Amazon Nova), and past four a request.
 */
final class ConverseCachePoints {
    static final int MAX_PER_REQUEST = 4;
    static final String UNSUPPORTED =
            "You invoked an unsupported model or your request did not allow prompt caching. See the documentation "
                    + "for more information.";

    private ConverseCachePoints() {
    }

    /** @param prompt the request as parsed, whose token counts the prefixes add up */
    static List<PromptCacheSimulator.CacheCheckpoint> of(JsonNode body, ChatPrompt prompt, ModelFamily family) {
        Prefix prefix = new Prefix();
        List<PromptCacheSimulator.CacheCheckpoint> checkpoints = new ArrayList<>();
        int before = 0;
        for (JsonNode tool : body.path("toolConfig").path("tools")) {
            if (tool.has("cachePoint")) {
                if (!family.cachesTools()) {
                    throw BedrockFailure.validation(UNSUPPORTED);
                }
                checkpoints.add(prefix.checkpoint(tool.get("cachePoint"), before));
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
                checkpoints.add(prefix.checkpoint(block.get("cachePoint"), before));
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
                    checkpoints.add(prefix.checkpoint(block.get("cachePoint"), before + turn));
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
        if (checkpoints.size() > MAX_PER_REQUEST) {
            throw BedrockFailure.validation("A maximum of " + MAX_PER_REQUEST + " blocks with cache_control may be "
                    + "provided. Found " + checkpoints.size() + ".");
        }
        return checkpoints;
    }

    /** A running hash of the prompt read so far. */
    private static final class Prefix {
        private final MessageDigest digest = sha256();

        void add(JsonNode element) {
            digest.update(Json.text(element).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }

        /** @param tokensBefore the prompt's tokens before the checkpoint */
        PromptCacheSimulator.CacheCheckpoint checkpoint(JsonNode cachePoint, int tokensBefore) {
            String hash;
            try {
                hash = HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digests clone", e);
            }
            long ttl = "1h".equals(cachePoint.path("ttl").asText()) ? TimeUnit.HOURS.toNanos(1)
                    : TimeUnit.MINUTES.toNanos(5);
            return new PromptCacheSimulator.CacheCheckpoint(hash, tokensBefore, ttl);
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
