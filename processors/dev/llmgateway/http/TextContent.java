package dev.llmgateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import java.util.ArrayList;
import java.util.List;

/**
 * Message content as both APIs send it: a string, or an array of {@code {"type": "text", "text"}} parts, joined a
 * line apart; a part's {@code cache_control} puts a prompt-cache breakpoint after it.
 */
public final class TextContent {

    private TextContent() {
    }

    /**
     * @param node      the content node (not null)
     * @param at        where it is in the request, for error messages
     * @param partName  what the API calls a part ("text parts", "text blocks")
     * @param partRules what the API does with each field of a text part
     * @return the text, as text blocks with a {@link ContentBlock.CachePoint} after each part that asked for one
     */
    public static List<ContentBlock> read(JsonNode node, String at, String partName, FieldRules partRules) {
        if (node.isTextual()) {
            return List.of(new ContentBlock.Text(node.textValue()));
        }
        if (!node.isArray()) {
            throw JsonFields.wrongType(at, "a string or an array of " + partName, node);
        }
        List<ContentBlock> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            String partAt = at + "[" + i + "]";
            if (!part.isObject()) {
                throw JsonFields.wrongType(partAt, "an object", part);
            }
            String type = JsonFields.requiredString(part, "type");
            if (!"text".equals(type)) {
                throw GatewayException.invalidRequest("unsupported_content",
                        partAt + ".type '" + type + "' is not supported; only " + partName + " are served.");
            }
            partRules.check(part, partAt + ".");
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(JsonFields.requiredString(part, "text"));
            ContentBlock.CachePoint cachePoint = CacheControl.readAfterText(part, partAt + ".", text);
            if (cachePoint != null) {
                blocks.add(new ContentBlock.Text(text.toString()));
                blocks.add(cachePoint);
                text.setLength(0);
            }
        }
        if (!text.isEmpty() || blocks.isEmpty()) {
            blocks.add(new ContentBlock.Text(text.toString()));
        }
        return blocks;
    }

    /**
     * Content that becomes one text, such as a tool's answer: a cache breakpoint is taken on its last part only, and
     * then goes after the whole of it.
     *
     * @return the text, and the breakpoint after it or null
     */
    public static Joined readJoined(JsonNode node, String at, String partName, FieldRules partRules) {
        List<ContentBlock> blocks = read(node, at, partName, partRules);
        ContentBlock.CachePoint cachePoint = null;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) instanceof ContentBlock.Text t) {
                text.append(text.isEmpty() ? "" : "\n").append(t.text());
            } else if (i < blocks.size() - 1) {
                throw GatewayException.invalidRequest("invalid_value", at + ": a cache_control is served on the last "
                        + partName.substring(0, partName.length() - 1) + " only, where the cache breakpoint goes "
                        + "after the whole content.");
            } else {
                cachePoint = (ContentBlock.CachePoint) blocks.get(i);
            }
        }
        return new Joined(text.toString(), cachePoint);
    }

    /** Content read as one text and the cache breakpoint after it (null when none). */
    public record Joined(String text, ContentBlock.CachePoint cachePoint) {
    }
}
