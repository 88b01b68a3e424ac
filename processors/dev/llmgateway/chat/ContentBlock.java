package dev.llmgateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** One piece of a message's content, in the gateway's own terms. */
public sealed interface ContentBlock
        permits ContentBlock.Text, ContentBlock.ToolUse, ContentBlock.ToolResult, ContentBlock.Image,
        ContentBlock.ImageLink, ContentBlock.Document, ContentBlock.Reasoning, ContentBlock.RedactedReasoning,
        ContentBlock.CachePoint {

    /**
     * Text.
     *
     * @param text   the text
     * @param source where the text comes from when it is not the caller's own words but content the caller passes on
     *               (a batch file's text: "batch file report.txt"); the injection guard reads such text as untrusted
     *               data. Null for the caller's own words.
     */
    record Text(String text, String source) implements ContentBlock {

        /** The caller's own words. */
        public Text(String text) {
            this(text, null);
        }

        /** @return text with the same source */
        public Text withText(String newText) {
            return new Text(newText, source);
        }
    }

    /**
     * The model asking for a tool call.
     *
     * @param id    pairs the call with its {@link ToolResult}
     * @param name  the tool's name, as the request declared it
     * @param input the tool's arguments, a JSON object
     */
    record ToolUse(String id, String name, JsonNode input) implements ContentBlock {
    }

    /**
     * What a tool answered.
     *
     * @param toolUseId the {@link ToolUse} it answers
     * @param content   the answer, as text (JSON answers as their JSON text)
     * @param error     whether the tool failed (the content then says how)
     */
    record ToolResult(String toolUseId, String content, boolean error) implements ContentBlock {
    }

    /**
     * An image, checked to be what its format says.
     *
     * @param format png, jpeg, gif or webp
     * @param bytes  the image file
     * @param sha256 the bytes' SHA-256 in hex, how the text the guards and the cache read names the image
     */
    record Image(String format, byte[] bytes, String sha256) implements ContentBlock {

        public Image(String format, byte[] bytes) {
            this(format, bytes, Sha256.hex(bytes));
        }
    }

    /**
     * An image named by its http(s) address, which the gateway fetches from an address its settings allow
     * ({@code media.remoteImageUrls}) once the cheap checks passed; it becomes an {@link Image} before anything reads
     * its bytes or sends it upstream.
     *
     * @param url the address the caller sent
     */
    record ImageLink(String url) implements ContentBlock {
    }

    /**
     * A document, checked to be what its format says.
     *
     * @param format pdf, csv, html, txt or md
     * @param name   how the model may refer to it (Bedrock's rule: letters, digits, single spaces, hyphens,
     *               parentheses, square brackets)
     * @param bytes  the document file
     * @param sha256 the bytes' SHA-256 in hex, how the text the guards and the cache read names the document
     */
    record Document(String format, String name, byte[] bytes, String sha256) implements ContentBlock {

        public Document(String format, String name, byte[] bytes) {
            this(format, name, bytes, Sha256.hex(bytes));
        }

        /** Formats whose bytes are UTF-8 text the guards can read and rewrite. */
        public static final Set<String> TEXT_FORMATS = Set.of("csv", "html", "txt", "md");

        public boolean isText() {
            return TEXT_FORMATS.contains(format);
        }

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * The model's reasoning (Claude's extended thinking), passed back to the model exactly as it came: the model
     * refuses a block whose text no longer matches its signature, so no step rewrites it.
     *
     * @param text      what the model thought, as it wrote it
     * @param signature the model's signature of the text, or null when the model signs none
     */
    record Reasoning(String text, String signature) implements ContentBlock {
    }

    /**
     * Reasoning the model's safety systems encrypted: opaque bytes, passed back to the model as they came.
     *
     * @param data the encrypted reasoning
     */
    record RedactedReasoning(byte[] data) implements ContentBlock {
    }

    /**
     * A prompt-cache breakpoint: the prompt up to here (tools, system, turns) may be cached by Bedrock. Carries no
     * content, so the guards, the token counts and the gateway's own cache read past it.
     *
     * @param ttl how long the cached prefix lives, "5m" or "1h"; null for Bedrock's default (5 minutes)
     */
    record CachePoint(String ttl) implements ContentBlock {
    }
}
