package dev.llmgateway.emulator;

import java.util.Arrays;
import java.util.Optional;

/** The image formats Bedrock accepts, by their Converse format name and Anthropic media type, each recognised by its first bytes. */
enum ImageType {
    PNG("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}),
    JPEG("jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
    GIF("gif", new byte[] {'G', 'I', 'F', '8'}),
    /** A RIFF container whose form type, at offset 8, is {@code WEBP}. */
    WEBP("webp", new byte[] {'R', 'I', 'F', 'F'});

    private static final byte[] WEBP_FORM = {'W', 'E', 'B', 'P'};

    private final String format;
    private final byte[] signature;

    ImageType(String format, byte[] signature) {
        this.format = format;
        this.signature = signature;
    }

    /** The Converse {@code format}, e.g. {@code png}. */
    String format() {
        return format;
    }

    String mediaType() {
        return "image/" + format;
    }

    boolean matches(byte[] bytes) {
        return startsWith(bytes, 0, signature) && (this != WEBP || startsWith(bytes, 8, WEBP_FORM));
    }

    /** The type the bytes really have, whatever the request declared. */
    static Optional<ImageType> of(byte[] bytes) {
        return Arrays.stream(values()).filter(type -> type.matches(bytes)).findFirst();
    }

    static Optional<ImageType> fromFormat(String format) {
        return Arrays.stream(values()).filter(type -> type.format.equals(format)).findFirst();
    }

    static Optional<ImageType> fromMediaType(String mediaType) {
        return Arrays.stream(values()).filter(type -> type.mediaType().equals(mediaType)).findFirst();
    }

    static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        return Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
