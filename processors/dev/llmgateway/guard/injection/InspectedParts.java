package dev.llmgateway.guard.injection;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ChatRole;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.guard.text.PdfText;
import dev.llmgateway.guard.text.UnreadablePdfException;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts of a request the injection guard reads, each with its origin: per turn of a scanned role the caller's
 * own words, and every piece of untrusted content (tool results, documents, quoted text) on its own, whatever the
 * turn's role. A PDF's text is read when the settings say so; otherwise the PDF counts among the caller's blocks, which
 * name it by its kind and hash.
 */
final class InspectedParts {

    /** The most characters of a caller-given id or name that a refusal repeats. */
    private static final int MAX_NAME_CHARACTERS = 64;

    /**
     * One text to inspect.
     *
     * @param message the index of its turn in the request
     * @param block   the index of its block in the turn; -1 for the caller's words of the turn, which may span blocks
     * @param where   how a refusal names it, e.g. "the tool result of call call_1 (message 3)"; never its text
     */
    record Part(int message, int block, ContentOrigin origin, String where, String text) {

        boolean untrusted() {
            return origin != ContentOrigin.CALLER;
        }
    }

    private InspectedParts() {
    }

    /** @throws GatewayException 400 unreadable_document naming a PDF whose text cannot be read */
    static List<Part> of(ChatRequest request, List<ChatRole> scannedRoles, boolean readPdfs) {
        List<Part> parts = new ArrayList<>();
        int documents = 0;
        for (int m = 0; m < request.messages().size(); m++) {
            ChatMessage message = request.messages().get(m);
            List<ContentBlock> callerBlocks = new ArrayList<>();
            for (int b = 0; b < message.blocks().size(); b++) {
                ContentBlock block = message.blocks().get(b);
                if (block instanceof ContentBlock.Document) {
                    documents++;
                }
                ContentOrigin origin = ContentOrigin.untrustedOf(block);
                if (origin == null || origin == ContentOrigin.PDF && !readPdfs) {
                    callerBlocks.add(block);
                    continue;
                }
                String turn = "message " + (m + 1);
                if (block instanceof ContentBlock.ToolResult result) {
                    parts.add(new Part(m, b, origin, "the tool result of call " + shortened(result.toolUseId()) + " ("
                            + turn + ")", result.content()));
                } else if (block instanceof ContentBlock.Document document) {
                    String where = "document " + documents + " ('" + shortened(document.name()) + "', " + turn + ")";
                    parts.add(new Part(m, b, origin, where, origin == ContentOrigin.PDF ? pdfText(document, where)
                            : document.text()));
                } else {
                    ContentBlock.Text text = (ContentBlock.Text) block;
                    parts.add(new Part(m, b, origin, shortened(text.source()) + " (" + turn + ")", text.text()));
                }
            }
            if (scannedRoles.contains(message.role()) && !callerBlocks.isEmpty()) {
                String own = new ChatMessage(message.role(), callerBlocks).content();
                if (!own.isEmpty()) {
                    parts.add(new Part(m, -1, ContentOrigin.CALLER, "message " + (m + 1) + " (" + message.role().wireName()
                            + ")", own));
                }
            }
        }
        return parts;
    }

    private static String pdfText(ContentBlock.Document pdf, String where) {
        try {
            return PdfText.read(pdf.bytes());
        } catch (UnreadablePdfException e) {
            throw GatewayException.invalidRequest("unreadable_document", "The request was refused because " + where
                    + " is a PDF whose text the gateway cannot read: " + e.getMessage() + ". Documents are checked "
                    + "for instructions aimed at the assistant before they are sent; send this one unencrypted, "
                    + "well-formed and within " + PdfText.MAX_PAGES + " pages and " + PdfText.MAX_CHARACTERS
                    + " characters of text, or its text as a plain-text document.");
        }
    }

    static int characters(List<Part> parts) {
        int characters = 0;
        for (Part part : parts) {
            characters += part.text() == null ? 0 : part.text().length();
        }
        return characters;
    }

    private static String shortened(String name) {
        return name == null ? "(unnamed)" : name.length() <= MAX_NAME_CHARACTERS ? name
                : name.substring(0, MAX_NAME_CHARACTERS) + "...";
    }
}
