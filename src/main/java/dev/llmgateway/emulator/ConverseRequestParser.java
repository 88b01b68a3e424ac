package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a Converse / ConverseStream body (and the {@code converse} input of CountTokens). */
final class ConverseRequestParser {
    /** What the emulated Claude generates at most when Converse sets no {@code maxTokens}. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private ConverseRequestParser() {
    }

    static ChatPrompt parse(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw BedrockFailure.validation("1 validation error detected: Value at 'messages' failed to satisfy constraint: "
                    + "Member must not be null or empty");
        }
        List<ChatPrompt.Turn> turns = new ArrayList<>();
        for (JsonNode message : messages) {
            turns.add(new ChatPrompt.Turn(message.path("role").asText(""), textOf(message.path("content"))));
        }
        if (!turns.get(0).role().equals("user")) {
            throw BedrockFailure.validation("A conversation must start with a user message. "
                    + "Try again with a conversation that starts with a user message.");
        }
        JsonNode config = body.path("inferenceConfig");
        int maxTokens = config.path("maxTokens").asInt(DEFAULT_MAX_TOKENS);
        if (maxTokens < 1) {
            throw BedrockFailure.validation("1 validation error detected: Value '" + maxTokens
                    + "' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        List<String> stops = new ArrayList<>();
        config.path("stopSequences").forEach(s -> stops.add(s.asText()));
        return new ChatPrompt(textOf(body.path("system")), turns, maxTokens, stops);
    }

    private static String textOf(JsonNode blocks) {
        List<String> texts = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.has("text")) {
                texts.add(block.get("text").asText());
            }
        }
        return String.join("\n", texts);
    }
}
