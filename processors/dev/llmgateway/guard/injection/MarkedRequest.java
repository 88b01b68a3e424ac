package dev.llmgateway.guard.injection;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request as the injection guard sends it on: the caller's words spotlighted (when they were sanitized) and
 * pieces of untrusted content marked as data, each block where it was, so tool calls keep their ids, cache
 * breakpoints their places and reasoning its signature. A PDF cannot be marked in place: its marked text goes as a
 * plain-text document of the same name instead.
 */
final class MarkedRequest {

    /** A block of a request: the index of its turn, and its index in the turn. */
    record BlockAt(int message, int block) {
    }

    private MarkedRequest() {
    }

    /**
     * @param callerSpotlighter spotlights the caller's words of turns of the scanned roles, after a system note saying
     *                          how to read them; null to leave them as they are
     * @param marked            the blocks of untrusted content to mark as data, each with the text read from it
     */
    static ChatRequest of(ChatRequest request, Spotlighter callerSpotlighter, List<ChatRole> scannedRoles,
                          DataMarker marker, Map<BlockAt, String> marked) {
        List<ChatMessage> messages = new ArrayList<>();
        if (callerSpotlighter != null) {
            messages.add(new ChatMessage(ChatRole.SYSTEM, callerSpotlighter.systemNote()));
        }
        for (int m = 0; m < request.messages().size(); m++) {
            ChatMessage message = request.messages().get(m);
            boolean spotlightCaller = callerSpotlighter != null && scannedRoles.contains(message.role());
            List<ContentBlock> blocks = new ArrayList<>(message.blocks().size());
            for (int b = 0; b < message.blocks().size(); b++) {
                ContentBlock block = message.blocks().get(b);
                ContentOrigin origin = ContentOrigin.untrustedOf(block);
                String text = origin == null ? null : marked.get(new BlockAt(m, b));
                if (text != null) {
                    blocks.add(markedBlock(block, marker.mark(text, origin)));
                } else if (origin == null && spotlightCaller) {
                    blocks.add(new ChatMessage(message.role(), List.of(block)).mapTexts(callerSpotlighter::spotlight)
                            .blocks().get(0));
                } else {
                    blocks.add(block);
                }
            }
            messages.add(new ChatMessage(message.role(), blocks));
        }
        return request.withMessages(messages);
    }

    private static ContentBlock markedBlock(ContentBlock block, String marked) {
        if (block instanceof ContentBlock.ToolResult result) {
            return new ContentBlock.ToolResult(result.toolUseId(), marked, result.error());
        }
        if (block instanceof ContentBlock.Document document) {
            return new ContentBlock.Document(document.isText() ? document.format() : "txt", document.name(),
                    marked.getBytes(StandardCharsets.UTF_8));
        }
        return ((ContentBlock.Text) block).withText(marked);
    }
}
