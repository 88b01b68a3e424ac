package dev.llmgateway.emulator;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts a PDF's pages as its page objects: each {@code /Type /Page} dictionary, not the {@code /Pages} nodes
 * of the page tree. Page objects inside compressed object streams cannot be seen without inflating them, so a
 * PDF where none is seen counts as one page.
 */
final class PdfPages {
    private static final Pattern PAGE_OBJECT = Pattern.compile("/Type\\s*/Page(?![A-Za-z0-9])");

    private PdfPages() {
    }

    static int count(byte[] pdf) {
        // ISO-8859-1 maps every byte to one char, so binary streams cannot break the match
        Matcher m = PAGE_OBJECT.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        int pages = 0;
        while (m.find()) {
            pages++;
        }
        return Math.max(1, pages);
    }
}
