package dev.llmgateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.ContentBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an array of content parts the way both APIs write them: consecutive text parts become one text, a line apart;
 * a part's {@code cache_control} puts a prompt-cache breakpoint after it (splitting the text there); every other part
 * is the API's own to read.
 */
public final class ContentParts {

    /** Reads one part that is not text, adding its blocks. */
    @FunctionalInterface
    public interface PartReader {
        void read(JsonNode part, String type, String at, List<ContentBlock> blocks);
    }

    private ContentParts() {
    }

    /**
     * @param parts     the array, checked to be one
     * @param textRules the fields of a text part
     * @param others    the reader of every other part
     */
    public static List<ContentBlock> read(JsonNode parts, String at, FieldRules textRules, PartReader others) {
        List<ContentBlock> blocks = new ArrayList<>();
        StringBuilder text = null;
        for (int i = 0; i < parts.size(); i++) {
            JsonNode part = parts.get(i);
            String partAt = at + "[" + i + "]";
            if (!part.isObject()) {
                throw JsonFields.wrongType(partAt, "an object", part);
            }
            String type = JsonFields.requiredString(part, "type");
            if ("text".equals(type)) {
                textRules.check(part, partAt + ".");
                text = text == null ? new StringBuilder() : text.append('\n');
                text.append(JsonFields.requiredString(part, "text"));
                ContentBlock.CachePoint cachePoint = CacheControl.readAfterText(part, partAt + ".", text);
                if (cachePoint != null) {
                    blocks.add(new ContentBlock.Text(text.toString()));
                    blocks.add(cachePoint);
                    text = null;
                }
                continue;
            }
            if (text != null) {
                blocks.add(new ContentBlock.Text(text.toString()));
                text = null;
            }
            others.read(part, type, partAt, blocks);
            CacheControl.appendTo(blocks, part, partAt + ".");
        }
        if (text != null) {
            blocks.add(new ContentBlock.Text(text.toString()));
        }
        return blocks;
    }
}
