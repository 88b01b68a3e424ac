package dev.llmgateway.emulator;

/** An image or a document of a user turn, as the emulated model took it in, with what it costs in input tokens. */
sealed interface MediaBlock permits MediaBlock.Image, MediaBlock.Document {

    int inputTokens();

    /** The first 8 hex digits of the SHA-256 of its bytes (of its UTF-8 text when it came as text). */
    String sha256Prefix();

    record Image(ImageType type, ImageSize size, String sha256Prefix) implements MediaBlock {

        @Override
        public int inputTokens() {
            return ImageTokens.of(size);
        }
    }

    /**
     * A document.
     *
     * @param name its name, or null where the API lets it have none (Anthropic's {@code title})
     * @param extent how much there is of it, as the answer says it: pages of a PDF, words of a text, bytes of an office file
     */
    record Document(String name, DocumentType type, String extent, int inputTokens, String sha256Prefix) implements MediaBlock {

        static Document pdf(String name, int pages, String sha256Prefix) {
            return new Document(name, DocumentType.PDF, plural(pages, "page"), DocumentTokens.pdf(pages), sha256Prefix);
        }

        static Document text(String name, DocumentType type, String text, String sha256Prefix) {
            return new Document(name, type, plural(ContentWords.wordsOf(text).size(), "word"), DocumentTokens.text(text), sha256Prefix);
        }

        static Document office(String name, DocumentType type, int bytes, String sha256Prefix) {
            return new Document(name, type, plural(bytes, "byte"), DocumentTokens.office(bytes), sha256Prefix);
        }

        private static String plural(int count, String unit) {
            return count + " " + unit + (count == 1 ? "" : "s");
        }
    }
}
