package dev.llmgateway.guard.text;

import java.util.Set;

/**
 * The filters a PDF's streams name, read on its raw bytes before PDFBox parses them. PDFBox decodes a stream whole
 * into memory, so it may decode only what {@link DeflatedStreams} bounds first (FlateDecode, inflated on the raw
 * bytes) and the image filters, which reading text never decodes. LZW and RunLength expand without such a bound, and
 * ASCIIHex or ASCII85 in front of FlateDecode would hide deflated data from that count, so a file naming one of
 * PDFBox's other decoders, or giving its filters by reference, is refused; as is an encrypted one, whose streams
 * PDFBox would decrypt and decode unseen. Names PDFBox does not decode pass (a signature's /Filter names its
 * handler). Every "/Filter" and "/Encrypt" is read wherever it stands (in a string, a comment or binary data
 * too), so no context this scan could misjudge hides one. One pass over the bytes, each value read at most
 * {@value #MAX_VALUE_BYTES} bytes ahead.
 */
final class StreamFilters {

    /** PDFBox's decoders whose output PdfText does not bound, as written in full and abbreviated. */
    private static final Set<String> UNBOUNDED = Set.of("LZWDecode", "LZW", "RunLengthDecode", "RL",
            "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "Crypt");
    /** The most bytes a filter value is read ahead; written plainly it takes a few dozen. */
    private static final int MAX_VALUE_BYTES = 256;
    /** Names are compared up to this length; every name compared is shorter. */
    private static final int MAX_NAME = 32;

    private StreamFilters() {
    }

    /**
     * @return why PdfText must not let PDFBox read the file, for the caller (encryption first: its dictionary names a
     *         filter of its own); or null when nothing is in the way
     */
    static String refusal(byte[] pdf) {
        String filters = null;
        int at = 0;
        while (at < pdf.length) {
            if (pdf[at] != '/') {
                at++;
                continue;
            }
            Name key = Name.at(pdf, at);
            if (key.is("Encrypt")) {
                return "it is encrypted";
            }
            if (key.is("Filter") && filters == null) {
                filters = filterValue(pdf, key.end);
            }
            at = key.end;
        }
        return filters;
    }

    /** Reads the value after a /Filter key: a name, or an array of names. */
    private static String filterValue(byte[] pdf, int from) {
        int limit = Math.min(pdf.length, from + MAX_VALUE_BYTES);
        int at = skipSpace(pdf, from, limit);
        if (at >= limit) {
            return at >= pdf.length ? null : unusual();
        }
        if (pdf[at] == '/') {
            return check(Name.at(pdf, at));
        }
        if (pdf[at] >= '0' && pdf[at] <= '9') {
            return "it gives a stream's filters by reference, which the gateway does not read";
        }
        if (pdf[at] != '[') {
            return null; // not a dictionary's key: PDFBox takes no filter from it either
        }
        at++;
        while (true) {
            at = skipSpace(pdf, at, limit);
            if (at >= limit) {
                return unusual();
            }
            if (pdf[at] == ']') {
                return null;
            }
            if (pdf[at] != '/') {
                return unusual();
            }
            Name filter = Name.at(pdf, at);
            String refusal = check(filter);
            if (refusal != null) {
                return refusal;
            }
            at = filter.end;
        }
    }

    private static String check(Name filter) {
        return UNBOUNDED.contains(filter.text) ? "it encodes a stream with the filter '" + filter.text + "', which the "
                + "gateway does not decode (it reads FlateDecode and leaves images undecoded)" : null;
    }

    private static String unusual() {
        return "it writes a stream's filters in a way the gateway does not read";
    }

    /** Skips white space and comments, as PDFBox does between a key and its value. */
    private static int skipSpace(byte[] pdf, int from, int limit) {
        int at = from;
        while (at < limit) {
            if (pdf[at] == '%') {
                while (at < limit && pdf[at] != '\n' && pdf[at] != '\r') {
                    at++;
                }
            } else if (isSpace(pdf[at])) {
                at++;
            } else {
                return at;
            }
        }
        return at;
    }

    private static boolean isSpace(byte b) {
        return b == 0 || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ';
    }

    private static boolean isDelimiter(byte b) {
        return isSpace(b) || b == '(' || b == ')' || b == '<' || b == '>' || b == '[' || b == ']' || b == '{'
                || b == '}' || b == '/' || b == '%';
    }

    /**
     * A name: its text with #xx escapes decoded (its first {@value #MAX_NAME} characters), and where it ends.
     */
    private record Name(String text, int end) {

        static Name at(byte[] pdf, int slash) {
            StringBuilder text = new StringBuilder();
            int at = slash + 1;
            while (at < pdf.length && !isDelimiter(pdf[at])) {
                int decoded = pdf[at] & 0xff;
                if (decoded == '#' && at + 2 < pdf.length && hex(pdf[at + 1]) >= 0 && hex(pdf[at + 2]) >= 0) {
                    decoded = hex(pdf[at + 1]) * 16 + hex(pdf[at + 2]);
                    at += 2;
                }
                if (text.length() <= MAX_NAME) {
                    text.append((char) decoded);
                }
                at++;
            }
            return new Name(text.toString(), at);
        }

        boolean is(String name) {
            return text.equals(name);
        }

        private static int hex(byte b) {
            return Character.digit(b, 16);
        }
    }
}
