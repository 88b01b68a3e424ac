package dev.llmgateway.guard.injection;

import dev.llmgateway.chat.ContentBlock;
import java.util.Locale;

/**
 * Where a text the injection guard reads comes from. The caller's own words may instruct the assistant; content the
 * caller passes on (what a tool answered, a document, a file's text) is data, and an instruction in it is suspect.
 */
public enum ContentOrigin {
    /** The caller's own words: the text of its turns. */
    CALLER,
    /** What a tool answered (OpenAI tool messages, Anthropic tool_result blocks, Responses function_call_output). */
    TOOL_RESULT,
    /** The text of a document (text, CSV, HTML, Markdown). */
    DOCUMENT,
    /** The text of a PDF document, read with {@link dev.llmgateway.guard.text.PdfText}. */
    PDF,
    /** Text the caller quotes from elsewhere and says so (a batch file's text): {@link ContentBlock.Text#source()}. */
    QUOTED;

    /** @return the origin of untrusted content the block carries, or null when it is the caller's or holds no text */
    public static ContentOrigin untrustedOf(ContentBlock block) {
        if (block instanceof ContentBlock.ToolResult) {
            return TOOL_RESULT;
        }
        if (block instanceof ContentBlock.Document document) {
            return document.isText() ? DOCUMENT : PDF;
        }
        if (block instanceof ContentBlock.Text text && text.source() != null) {
            return QUOTED;
        }
        return null;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
