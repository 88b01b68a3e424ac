package dev.llmgateway.guard.text;

import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What the zlib (FlateDecode) streams of a PDF inflate to, counted on the raw bytes before any parser reads them:
 * PDFBox inflates a stream whole into memory (page contents, object and cross-reference streams), so a few megabytes
 * deflated a thousand to one would take gigabytes. Every "stream" keyword is tried as the start of deflated data,
 * whatever the dictionary before it says, so no spelling of the filter's name hides one; as PDFBox does, the data
 * starts after spaces and a line break, its two bytes of zlib header are skipped unread and it is inflated without
 * checksum. Inflated bytes are counted, not kept.
 */
final class DeflatedStreams {

    private static final byte[] KEYWORD = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK = 64 * 1024;
    private static final int ZLIB_HEADER = 2;

    private DeflatedStreams() {
    }

    /**
     * @param limit the count at which to stop
     * @return the bytes read and written by inflating every stream, or a number over {@code limit} once it passes it;
     *         each inflation's input is counted too, so streams that overlap cannot make the work grow unseen
     */
    static long inflatedBytes(byte[] pdf, long limit) {
        long total = 0;
        byte[] sink = new byte[CHUNK];
        for (int at = indexOf(pdf, 0); at >= 0 && total <= limit; at = indexOf(pdf, at + KEYWORD.length)) {
            int start = dataStart(pdf, at + KEYWORD.length) + ZLIB_HEADER;
            total += start - at; // skipped bytes count too: many keywords before one run of spaces each skip it
            if (start >= pdf.length) {
                continue;
            }
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(pdf, start, pdf.length - start);
                while (!inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary()
                        && total + inflater.getBytesRead() + inflater.getBytesWritten() <= limit) {
                    inflater.inflate(sink);
                }
            } catch (DataFormatException e) {
                // not zlib data, or damaged: what inflated so far is counted
            } finally {
                total += inflater.getBytesRead() + inflater.getBytesWritten();
                inflater.end();
            }
        }
        return total;
    }

    /** @return where a stream's data starts after its keyword: past spaces, then past one CR, LF or CRLF */
    private static int dataStart(byte[] pdf, int afterKeyword) {
        int at = afterKeyword;
        while (at < pdf.length && pdf[at] == ' ') {
            at++;
        }
        if (at < pdf.length && pdf[at] == '\r') {
            at++;
        }
        if (at < pdf.length && pdf[at] == '\n') {
            at++;
        }
        return at;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + KEYWORD.length <= bytes.length; i++) {
            if (bytes[i] == KEYWORD[0] && matchesAt(bytes, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] bytes, int at) {
        for (int k = 1; k < KEYWORD.length; k++) {
            if (bytes[at + k] != KEYWORD[k]) {
                return false;
            }
        }
        return true;
    }
}
