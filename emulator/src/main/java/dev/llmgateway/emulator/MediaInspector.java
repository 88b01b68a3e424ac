package dev.llmgateway.emulator;

import java.util.List;

/**
 * The checks made on every image and document whichever API brought it, each refusal worded by that API's
 * {@link MediaRefusals}, and what the model then knows of the block. An image is refused when its base64 form
 * is over 5 MB (3.75 MB of bytes), when its bytes are not of the type it was declared as, when its header says
 * no size, or when a side is over {@value #MAX_IMAGE_EDGE} px; a document when its bytes are not of its
 * declared format. A request may hold {@value #MAX_IMAGES_AND_DOCUMENTS} images and documents together.
 */
final class MediaInspector {
    static final long MAX_IMAGE_BASE64_BYTES = 5L * 1024 * 1024;
    static final int MAX_IMAGE_EDGE = 8000;
    static final int MAX_IMAGES_AND_DOCUMENTS = 20;

    private MediaInspector() {
    }

    static MediaBlock.Image image(BlockPath at, ImageType declared, byte[] bytes, MediaRefusals refusals) {
        long base64Bytes = 4L * ((bytes.length + 2) / 3);
        if (base64Bytes > MAX_IMAGE_BASE64_BYTES) {
            throw refusals.imageTooLarge(at, base64Bytes);
        }
        ImageType actual = ImageType.of(bytes).orElseThrow(() -> refusals.imageUnreadable(at));
        if (actual != declared) {
            throw refusals.imageOfOtherType(at, declared, actual);
        }
        ImageSize size = ImageHeaderReader.read(declared, bytes).orElseThrow(() -> refusals.imageUnreadable(at));
        if (size.longEdge() > MAX_IMAGE_EDGE) {
            throw refusals.imageDimensionsTooLarge(at);
        }
        return new MediaBlock.Image(declared, size, Sha256Prefix.of(bytes));
    }

    /** A document sent as bytes: a text format must be UTF-8, a binary one must start as its format does. */
    static MediaBlock.Document document(BlockPath at, String name, DocumentType declared, byte[] bytes, MediaRefusals refusals) {
        String sha256Prefix = Sha256Prefix.of(bytes);
        if (declared.isText()) {
            String text = DocumentType.utf8(bytes).orElseThrow(() -> refusals.documentUnreadable(at));
            return MediaBlock.Document.text(name, declared, text, sha256Prefix);
        }
        if (!declared.hasSignatureOf(bytes)) {
            throw refusals.documentUnreadable(at);
        }
        return declared == DocumentType.PDF ? MediaBlock.Document.pdf(name, PdfPages.count(bytes), sha256Prefix)
                : MediaBlock.Document.office(name, declared, bytes.length, sha256Prefix);
    }

    static void checkCount(List<ChatPrompt.Turn> turns, MediaRefusals refusals) {
        List<MediaBlock> media = turns.stream().flatMap(turn -> turn.media().stream()).toList();
        long images = media.stream().filter(MediaBlock.Image.class::isInstance).count();
        if (media.size() > MAX_IMAGES_AND_DOCUMENTS) {
            throw refusals.tooManyImagesAndDocuments((int) images, (int) (media.size() - images));
        }
    }
}
