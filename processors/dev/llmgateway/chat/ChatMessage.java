package dev.llmgateway.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** One turn of a conversation: its role and its content blocks (text, tool calls, tool results). */
public record ChatMessage(ChatRole role, List<ContentBlock> blocks) {

    public ChatMessage {
        blocks = List.copyOf(blocks);
    }

    /** A turn of one text block. */
    public ChatMessage(ChatRole role, String text) {
        this(role, List.of(new ContentBlock.Text(text)));
    }

    /**
     * All the text the turn carries, one block per line: its text, and of tool calls and results their name, input
     * and answer (cache points add nothing). What the guards inspect, the token limits count and the cache keys on.
     * Reasoning blocks are left out: they are the model's own signed output, passed back unchanged
     * ({@link #reasoningText}).
     */
    public String content() {
        if (blocks.size() == 1 && blocks.get(0) instanceof ContentBlock.Text only) {
            return only.text();
        }
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.Reasoning || block instanceof ContentBlock.RedactedReasoning
                    || block instanceof ContentBlock.CachePoint) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            if (block instanceof ContentBlock.Text t) {
                text.append(t.text());
            } else if (block instanceof ContentBlock.ToolUse use) {
                text.append(use.name()).append(' ').append(use.input());
            } else if (block instanceof ContentBlock.ToolResult result) {
                text.append(result.content());
            } else if (block instanceof ContentBlock.Image image) {
                text.append("[image ").append(image.format()).append(' ').append(image.sha256()).append(']');
            } else if (block instanceof ContentBlock.ImageLink link) {
                text.append("[image ").append(link.url()).append(']');
            } else if (block instanceof ContentBlock.Document document) {
                text.append("[document ").append(document.name()).append(' ').append(document.format()).append(' ')
                        .append(document.sha256()).append(']');
                if (document.isText()) {
                    text.append('\n').append(document.text());
                }
            }
        }
        return text.toString();
    }

    /** @return the text of the turn's reasoning blocks, one block per line (empty when it has none) */
    public String reasoningText() {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.Reasoning reasoning) {
                text.append(text.isEmpty() ? "" : "\n").append(reasoning.text());
            }
        }
        return text.toString();
    }

    /** @return whether the turn calls a tool or answers one */
    public boolean usesTools() {
        return blocks.stream().anyMatch(block -> block instanceof ContentBlock.ToolUse
                || block instanceof ContentBlock.ToolResult);
    }

    /** @return whether the turn carries bytes no guard can read: an image, or a document that is not text */
    public boolean carriesOpaqueContent() {
        return blocks.stream().anyMatch(block -> block instanceof ContentBlock.Image
                || block instanceof ContentBlock.ImageLink
                || block instanceof ContentBlock.Document document && !document.isText());
    }

    /**
     * @return a copy whose texts went through the function: text blocks, tool results, and the string values of tool
     *         inputs (so the input stays valid JSON); reasoning blocks stay as they are, as their signature needs
     */
    public ChatMessage mapTexts(UnaryOperator<String> function) {
        List<ContentBlock> mapped = new ArrayList<>(blocks.size());
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.Text t) {
                mapped.add(t.withText(function.apply(t.text())));
            } else if (block instanceof ContentBlock.ToolUse use) {
                mapped.add(new ContentBlock.ToolUse(use.id(), use.name(), JsonStrings.map(use.input(), function)));
            } else if (block instanceof ContentBlock.ToolResult result) {
                mapped.add(new ContentBlock.ToolResult(result.toolUseId(), function.apply(result.content()),
                        result.error()));
            } else if (block instanceof ContentBlock.Document document && document.isText()) {
                mapped.add(new ContentBlock.Document(document.format(), document.name(),
                        function.apply(document.text()).getBytes(StandardCharsets.UTF_8)));
            } else {
                mapped.add(block);
            }
        }
        return new ChatMessage(role, mapped);
    }
}
