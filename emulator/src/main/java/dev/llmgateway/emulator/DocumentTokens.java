package dev.llmgateway.emulator;

/**
 * What a document costs in input tokens: a PDF a fixed {@value #PDF_PAGE_TOKENS} per page (Anthropic says a
 * page costs 1,500 to 3,000 tokens, its text plus the image of the page; the emulator takes the low end),
 * a text document the tokens of its text, and an office file (doc, docx, xls, xlsx), which the emulator does
 * not unpack, one token per {@value #OFFICE_BYTES_PER_TOKEN} bytes.
 */
final class DocumentTokens {
    static final int PDF_PAGE_TOKENS = 1500;
    static final int OFFICE_BYTES_PER_TOKEN = 4;

    private DocumentTokens() {
    }

    static int pdf(int pages) {
        return pages * PDF_PAGE_TOKENS;
    }

    static int text(String text) {
        return EmulatorTokenizer.count(text);
    }

    static int office(int bytes) {
        return (bytes + OFFICE_BYTES_PER_TOKEN - 1) / OFFICE_BYTES_PER_TOKEN;
    }
}
