package dev.llmgateway.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.MediaBlocks;
import dev.llmgateway.openai.OpenAiTools;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Responses input items into the gateway's turns: messages (their text, image and file parts), the model's
 * function calls (an assistant turn) and the functions' outputs (the user's turn, as tool results). Output items of
 * an earlier response are input items too, which is how a stored conversation is read back.
 */
final class ResponsesInput {

    private ResponsesInput() {
    }

    /** @param items an array of input items, each checked; {@code at} names the array in errors */
    static List<ChatMessage> messages(JsonNode items, String at) {
        List<ChatMessage> messages = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemAt = at + "[" + i + "]";
            JsonNode item = JsonFields.requiredObject(items.get(i), itemAt);
            JsonNode type = item.get("type");
            String kind = type == null || type.isNull() ? "message" : JsonFields.requiredString(item, "type", itemAt);
            messages.add(switch (kind) {
                case "message" -> message(item, itemAt);
                case "function_call" -> functionCall(item, itemAt);
                case "function_call_output" -> functionCallOutput(item, itemAt);
                default -> throw GatewayException.invalidRequest("unsupported_content", itemAt + ".type '" + kind
                        + "' is not supported; message, function_call and function_call_output items are served.");
            });
        }
        return messages;
    }

    private static ChatMessage message(JsonNode item, String at) {
        ResponsesFields.MESSAGE.check(item, at + ".");
        String roleName = JsonFields.requiredString(item, "role", at);
        ChatRole role = switch (roleName) {
            case "user" -> ChatRole.USER;
            case "assistant" -> ChatRole.ASSISTANT;
            case "system", "developer" -> ChatRole.SYSTEM;
            default -> throw GatewayException.invalidRequest("invalid_value", at + ".role '" + roleName
                    + "' is not supported; use user, assistant, system or developer.");
        };
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) {
            throw JsonFields.missing(at + ".content");
        }
        List<ContentBlock> blocks = content(content, at + ".content", role == ChatRole.USER);
        if (blocks.isEmpty()
                || blocks.size() == 1 && blocks.get(0) instanceof ContentBlock.Text text && text.text().isBlank()) {
            throw GatewayException.invalidRequest("invalid_value", at + ".content is empty.");
        }
        return new ChatMessage(role, blocks);
    }

    /** Content parts; consecutive text parts become one text, a line apart. Images and files in user turns only. */
    private static List<ContentBlock> content(JsonNode content, String at, boolean media) {
        if (content.isTextual()) {
            return List.of(new ContentBlock.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw JsonFields.wrongType(at, "a string or an array of content parts", content);
        }
        List<ContentBlock> blocks = new ArrayList<>();
        StringBuilder text = null;
        for (int i = 0; i < content.size(); i++) {
            String partAt = at + "[" + i + "]";
            JsonNode part = JsonFields.requiredObject(content.get(i), partAt);
            String type = JsonFields.requiredString(part, "type", partAt);
            if ("input_text".equals(type) || "output_text".equals(type)) {
                ResponsesFields.TEXT_PART.check(part, partAt + ".");
                text = text == null ? new StringBuilder() : text.append('\n');
                text.append(JsonFields.requiredString(part, "text", partAt));
                continue;
            }
            if (!media || !"input_image".equals(type) && !"input_file".equals(type)) {
                throw GatewayException.invalidRequest("unsupported_content", partAt + ".type '" + type
                        + "' is not supported; input_text and output_text parts are served"
                        + (media ? ", and input_image and input_file parts." : " (images and files in user turns)."));
            }
            if (text != null) {
                blocks.add(new ContentBlock.Text(text.toString()));
                text = null;
            }
            blocks.add("input_image".equals(type) ? image(part, partAt) : file(part, partAt));
        }
        if (text != null) {
            blocks.add(new ContentBlock.Text(text.toString()));
        }
        return blocks;
    }

    private static ContentBlock image(JsonNode part, String at) {
        ResponsesFields.IMAGE_PART.check(part, at + ".");
        return MediaBlocks.imageFromUrl(JsonFields.requiredString(part, "image_url", at), at + ".image_url");
    }

    private static ContentBlock file(JsonNode part, String at) {
        ResponsesFields.FILE_PART.check(part, at + ".");
        return MediaBlocks.documentFromUrl(JsonFields.requiredString(part, "file_data", at),
                JsonFields.optionalString(part, "filename"), at + ".file_data");
    }

    private static ChatMessage functionCall(JsonNode item, String at) {
        ResponsesFields.FUNCTION_CALL.check(item, at + ".");
        String name = OpenAiTools.name(JsonFields.requiredString(item, "name", at), at + ".name");
        return new ChatMessage(ChatRole.ASSISTANT, List.of(new ContentBlock.ToolUse(
                JsonFields.requiredString(item, "call_id", at), name,
                OpenAiTools.arguments(JsonFields.requiredString(item, "arguments", at), at + ".arguments"))));
    }

    private static ChatMessage functionCallOutput(JsonNode item, String at) {
        ResponsesFields.FUNCTION_CALL_OUTPUT.check(item, at + ".");
        JsonNode output = item.get("output");
        if (output == null || output.isNull()) {
            throw JsonFields.missing(at + ".output");
        }
        // text parts only: consecutive ones make one text block
        List<ContentBlock> parts = content(output, at + ".output", false);
        String text = parts.isEmpty() ? "" : ((ContentBlock.Text) parts.get(0)).text();
        return new ChatMessage(ChatRole.USER, List.of(new ContentBlock.ToolResult(
                JsonFields.requiredString(item, "call_id", at), text, false)));
    }
}
