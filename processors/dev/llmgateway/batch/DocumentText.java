package dev.llmgateway.batch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks that what arrived is text worth summarizing, whichever trigger brought it. */
final class DocumentText {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private DocumentText() {
    }

    /** @return the bytes as UTF-8 text without a byte order mark; rejected when they are not UTF-8 text */
    static String decode(byte[] bytes, String documentId) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DocumentRejectedException("not_utf8", documentId + " is not UTF-8 text; save it as UTF-8 "
                    + "plain text or Markdown and drop it again.");
        }
        return text.isEmpty() || text.charAt(0) != BYTE_ORDER_MARK ? text : text.substring(1);
    }

    /** Rejects text that is empty or binary. */
    static String require(String text, String documentId) {
        if (text == null || text.isBlank()) {
            throw new DocumentRejectedException("empty_document", documentId + " holds no text to summarize.");
        }
        if (text.indexOf('\0') >= 0) {
            throw new DocumentRejectedException("binary_content", documentId + " holds NUL characters: it looks like a "
                    + "binary file, not plain text or Markdown.");
        }
        return text;
    }

    /** Rejects documents over the configured size, before they are read. */
    static void requireSize(long bytes, long maxBytes, String documentId) {
        if (bytes > maxBytes) {
            throw new DocumentRejectedException("document_too_large", documentId + " is " + bytes + " bytes; the largest "
                    + "document accepted is " + maxBytes + " bytes (batch.maxDocumentBytes).");
        }
    }
}
