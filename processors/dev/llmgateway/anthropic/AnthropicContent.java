package dev.llmgateway.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ToolSpec;
import dev.llmgateway.http.ContentParts;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.MediaBlocks;
import dev.llmgateway.http.TextContent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the content of an Anthropic message: a string, or blocks of text, tool_use (an assistant's tool calls),
 * tool_result (a user's answers to them), images and documents (a user's), and thinking and redacted_thinking (an
 * assistant's, kept as they came). Consecutive text blocks become one text, a line apart. A block's
 * {@code cache_control} puts a prompt-cache breakpoint after it.
 */
final class AnthropicContent {

    private AnthropicContent() {
    }

    static List<ContentBlock> read(JsonNode content, String at, ChatRole role) {
        if (content.isTextual() || !content.isArray()) {
            return TextContent.read(content, at, "text blocks", AnthropicMessagesFields.TEXT_BLOCK);
        }
        return ContentParts.read(content, at, AnthropicMessagesFields.TEXT_BLOCK, (block, type, blockAt, blocks) -> {
            switch (type) {
                case "tool_use" -> blocks.add(toolUse(block, blockAt, role));
                case "tool_result" -> toolResult(block, blockAt, role, blocks);
                case "image" -> blocks.add(image(block, blockAt, role));
                case "document" -> blocks.add(document(block, blockAt, role));
                case "thinking" -> blocks.add(AnthropicThinking.thinking(block, blockAt, role));
                case "redacted_thinking" -> blocks.add(AnthropicThinking.redacted(block, blockAt, role));
                default -> throw GatewayException.invalidRequest("unsupported_content", blockAt + ".type '" + type
                        + "' is not supported; text, image, document, tool_use, tool_result, thinking and "
                        + "redacted_thinking blocks are served.");
            }
        });
    }

    private static ContentBlock image(JsonNode block, String at, ChatRole role) {
        userTurnOnly(role, at, "image");
        AnthropicMessagesFields.IMAGE_BLOCK.check(block, at + ".");
        JsonNode source = source(block, at);
        AnthropicMessagesFields.BASE64_SOURCE.check(source, at + ".source.");
        if ("url".equals(JsonFields.requiredString(source, "type"))) {
            return MediaBlocks.imageLink(JsonFields.requiredString(source, "url", at + ".source"), at + ".source.url");
        }
        return MediaBlocks.image(JsonFields.requiredString(source, "media_type"),
                JsonFields.requiredString(source, "data"), at + ".source.data");
    }

    private static ContentBlock document(JsonNode block, String at, ChatRole role) {
        userTurnOnly(role, at, "document");
        AnthropicMessagesFields.DOCUMENT_BLOCK.check(block, at + ".");
        JsonNode source = source(block, at);
        AnthropicMessagesFields.BASE64_SOURCE.check(source, at + ".source.");
        String sourceType = JsonFields.requiredString(source, "type");
        String data = JsonFields.requiredString(source, "data");
        byte[] bytes = "text".equals(sourceType) ? data.getBytes(StandardCharsets.UTF_8)
                : MediaBlocks.decode(data, at + ".source.data", Integer.MAX_VALUE, "a document");
        return MediaBlocks.document(JsonFields.requiredString(source, "media_type"),
                JsonFields.optionalString(block, "title"), bytes, at + ".source");
    }

    private static JsonNode source(JsonNode block, String at) {
        JsonNode source = block.get("source");
        if (source == null || source.isNull()) {
            throw JsonFields.missing(at + ".source");
        }
        if (!source.isObject()) {
            throw JsonFields.wrongType(at + ".source", "an object", source);
        }
        String type = JsonFields.requiredString(source, "type");
        boolean image = "image".equals(JsonFields.optionalString(block, "type"));
        if (!"base64".equals(type) && !"text".equals(type) && !(image && "url".equals(type))) {
            throw GatewayException.invalidRequest("unsupported_content", at + ".source.type '" + type + "' is not "
                    + "served: the gateway fetches only images (from the addresses media.remoteImageUrls allows) and "
                    + "keeps no files; send the data inline (base64).");
        }
        return source;
    }

    private static void userTurnOnly(ChatRole role, String at, String what) {
        if (role != ChatRole.USER) {
            throw GatewayException.invalidRequest("invalid_value", at + ": " + what + " blocks belong to user turns.");
        }
    }

    private static ContentBlock toolUse(JsonNode block, String at, ChatRole role) {
        if (role != ChatRole.ASSISTANT) {
            throw GatewayException.invalidRequest("invalid_value", at + ": tool_use blocks belong to assistant turns.");
        }
        AnthropicMessagesFields.TOOL_USE_BLOCK.check(block, at + ".");
        String name = JsonFields.requiredString(block, "name");
        if (!ToolSpec.validName(name)) {
            throw GatewayException.invalidRequest("invalid_value", at + ".name must be " + ToolSpec.NAME_RULE + ".");
        }
        JsonNode input = block.get("input");
        if (input == null || input.isNull()) {
            throw JsonFields.missing(at + ".input");
        }
        if (!input.isObject()) {
            throw JsonFields.wrongType(at + ".input", "an object", input);
        }
        return new ContentBlock.ToolUse(JsonFields.requiredString(block, "id"), name, input);
    }

    /** Adds the result, and the breakpoint its content's last text block may ask for. */
    private static void toolResult(JsonNode block, String at, ChatRole role, List<ContentBlock> blocks) {
        if (role != ChatRole.USER) {
            throw GatewayException.invalidRequest("invalid_value", at + ": tool_result blocks belong to user turns.");
        }
        AnthropicMessagesFields.TOOL_RESULT_BLOCK.check(block, at + ".");
        JsonNode content = block.get("content");
        TextContent.Joined text = content == null || content.isNull() ? new TextContent.Joined("", null)
                : TextContent.readJoined(content, at + ".content", "text blocks", AnthropicMessagesFields.TEXT_BLOCK);
        JsonNode error = block.get("is_error");
        if (error != null && !error.isNull() && !error.isBoolean()) {
            throw JsonFields.wrongType(at + ".is_error", "a boolean", error);
        }
        blocks.add(new ContentBlock.ToolResult(JsonFields.requiredString(block, "tool_use_id"), text.text(),
                error != null && error.asBoolean()));
        if (text.cachePoint() != null) {
            blocks.add(text.cachePoint());
        }
    }
}
