package dev.llmgateway.emulator;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the emulated model says it saw, one sentence per image or document, in order:
 * {@code I see an image (png, 640x480, sha256 1a2b3c4d).}, {@code I read the document 'report' (pdf, 3 pages, sha256 0badc0de).}
 * ({@code I read a document (...)} when it has no name). The hash lets a test prove the bytes arrived unaltered.
 */
final class MediaSentences {

    private MediaSentences() {
    }

    static String of(List<MediaBlock> media) {
        return media.stream().map(MediaSentences::sentence).collect(Collectors.joining(" "));
    }

    private static String sentence(MediaBlock block) {
        String seen;
        if (block instanceof MediaBlock.Image image) {
            seen = "I see an image (" + image.type().format() + ", " + image.size();
        } else {
            MediaBlock.Document document = (MediaBlock.Document) block;
            seen = "I read " + (document.name() == null ? "a document" : "the document '" + document.name() + "'")
                    + " (" + document.type().format() + ", " + document.extent();
        }
        return seen + ", sha256 " + block.sha256Prefix() + ").";
    }
}
