package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads an Anthropic Messages body (InvokeModel on Claude), rejecting it as Bedrock does when required keys are missing. */
final class AnthropicRequestParser {

    private AnthropicRequestParser() {
    }

    static ChatPrompt parse(JsonNode body) {
        if (!body.isObject()) {
            throw BedrockFailure.malformedInput("#: expected type: JSONObject, found: " + body.getNodeType());
        }
        for (String key : List.of("anthropic_version", "max_tokens", "messages")) {
            if (!body.hasNonNull(key)) {
                throw BedrockFailure.malformedInput("#: required key [" + key + "] not found");
            }
        }
        JsonNode maxTokens = body.get("max_tokens");
        if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber()) {
            throw BedrockFailure.malformedInput("#/max_tokens: expected type: Integer, found: " + maxTokens.getNodeType());
        }
        if (maxTokens.intValue() < 1) {
            throw BedrockFailure.malformedInput("#/max_tokens: " + maxTokens.intValue() + " is not greater or equal to 1");
        }
        JsonNode messages = body.get("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw BedrockFailure.malformedInput("#/messages: expected a non-empty array of messages");
        }
        List<ChatPrompt.Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                throw BedrockFailure.malformedInput("#/messages/" + i + "/role: " + role + " is not a valid enum value");
            }
            if (!message.has("content")) {
                throw BedrockFailure.malformedInput("#/messages/" + i + ": required key [content] not found");
            }
            turns.add(new ChatPrompt.Turn(role, textOf(message.get("content"))));
        }
        if (!turns.get(0).role().equals("user")) {
            throw BedrockFailure.validation("messages: first message must use the \"user\" role");
        }
        return new ChatPrompt(textOf(body.path("system")), turns, maxTokens.intValue(), stopSequences(body.path("stop_sequences")));
    }

    /** Content is either a string or a list of blocks; only text blocks carry text. */
    static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : content) {
            if (block.path("type").asText("text").equals("text") && block.has("text")) {
                texts.add(block.get("text").asText());
            }
        }
        return String.join("\n", texts);
    }

    private static List<String> stopSequences(JsonNode node) {
        List<String> stops = new ArrayList<>();
        node.forEach(s -> stops.add(s.asText()));
        return stops;
    }
}
