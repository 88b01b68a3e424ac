package dev.llmgateway.guard.tokens;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.llmgateway.chat.ContentBlock;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What images and PDF documents cost in prompt tokens, estimated high: an image at the most Claude reads of one (it
 * scales an image down to about 1.15 megapixels, 750 pixels a token), a PDF page at 3,000 (its text and its page
 * image). Text documents are counted as text, with the message. Near a limit the exact count decides.
 */
final class MediaTokens {

    static final int IMAGE_TOKENS = 1_600;
    static final int PDF_PAGE_TOKENS = 3_000;
    /** A page object of a PDF; "/Pages" is the page tree, not a page. */
    private static final Pattern PAGE = Pattern.compile("/Type\\s*/Page[^s]");

    private MediaTokens() {
    }

    static int estimate(List<ContentBlock> blocks) {
        int tokens = 0;
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.Image || block instanceof ContentBlock.ImageLink) {
                tokens += IMAGE_TOKENS;
            } else if (block instanceof ContentBlock.Document document && "pdf".equals(document.format())) {
                tokens += PDF_PAGE_TOKENS * Math.max(1, pages(document.bytes()));
            }
        }
        return tokens;
    }

    private static int pages(byte[] pdf) {
        Matcher page = PAGE.matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        int pages = 0;
        while (page.find()) {
            pages++;
        }
        return pages;
    }
}
