package dev.llmgateway.emulator;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The document formats Converse accepts. A PDF starts with {@code %PDF-}, docx and xlsx are ZIP archives,
 * doc and xls OLE compound files; the text formats (csv, html, txt, md) must be UTF-8.
 */
enum DocumentType {
    PDF("pdf", new byte[] {'%', 'P', 'D', 'F', '-'}),
    CSV("csv", null),
    DOC("doc", Signatures.OLE),
    DOCX("docx", Signatures.ZIP),
    XLS("xls", Signatures.OLE),
    XLSX("xlsx", Signatures.ZIP),
    HTML("html", null),
    TXT("txt", null),
    MD("md", null);

    private final String format;
    /** The bytes a file of this type starts with; null for the text formats. */
    private final byte[] signature;

    DocumentType(String format, byte[] signature) {
        this.format = format;
        this.signature = signature;
    }

    String format() {
        return format;
    }

    boolean isText() {
        return signature == null;
    }

    /** Whether a binary format's bytes start as that format does; text formats are checked by decoding them ({@link #utf8}). */
    boolean hasSignatureOf(byte[] bytes) {
        return signature != null && ImageType.startsWith(bytes, 0, signature);
    }

    /** Shared signatures; a nested class because enum constants are built before the enum's own static fields. */
    private static final class Signatures {
        static final byte[] ZIP = {'P', 'K', 3, 4};
        static final byte[] OLE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    }

    static Optional<DocumentType> fromFormat(String format) {
        return Arrays.stream(values()).filter(type -> type.format.equals(format)).findFirst();
    }

    /** The bytes as text, if they are well-formed UTF-8. */
    static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
