package dev.llmgateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.ContentParts;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.MediaBlocks;
import java.util.List;

/**
 * Reads a user message's content: a string, or parts of text, images (image_url with a data: URL) and files (file
 * with file_data). Consecutive text parts become one text, a line apart. A part's {@code cache_control} (an extension
 * of OpenAI's API) puts a prompt-cache breakpoint after it.
 */
final class OpenAiContent {

    private OpenAiContent() {
    }

    static List<ContentBlock> read(JsonNode content, String at) {
        if (content.isTextual()) {
            return List.of(new ContentBlock.Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw JsonFields.wrongType(at, "a string or an array of content parts", content);
        }
        return ContentParts.read(content, at, OpenAiChatFields.TEXT_PART, (part, type, partAt, blocks) ->
                blocks.add(switch (type) {
                    case "image_url" -> image(part, partAt);
                    case "file" -> file(part, partAt);
                    default -> throw GatewayException.invalidRequest("unsupported_content", partAt + ".type '" + type
                            + "' is not supported; text, image_url and file parts are served.");
                }));
    }

    private static ContentBlock image(JsonNode part, String at) {
        OpenAiChatFields.IMAGE_PART.check(part, at + ".");
        JsonNode image = JsonFields.requiredObject(part.get("image_url"), at + ".image_url");
        OpenAiChatFields.IMAGE_URL.check(image, at + ".image_url.");
        return MediaBlocks.imageFromUrl(JsonFields.requiredString(image, "url", at + ".image_url"),
                at + ".image_url.url");
    }

    private static ContentBlock file(JsonNode part, String at) {
        OpenAiChatFields.FILE_PART.check(part, at + ".");
        JsonNode file = JsonFields.requiredObject(part.get("file"), at + ".file");
        OpenAiChatFields.FILE.check(file, at + ".file.");
        return MediaBlocks.documentFromUrl(JsonFields.requiredString(file, "file_data", at + ".file"),
                JsonFields.optionalString(file, "filename"), at + ".file.file_data");
    }


}
