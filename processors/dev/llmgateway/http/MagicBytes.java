package dev.llmgateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Whether a file's first bytes are those of its declared format (text formats: whether it is UTF-8). */
final class MagicBytes {

    private MagicBytes() {
    }

    static boolean matches(String format, byte[] bytes) {
        return switch (format) {
            case "png" -> startsWith(bytes, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            case "jpeg" -> startsWith(bytes, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case "gif" -> startsWith(bytes, 0, "GIF8".getBytes(StandardCharsets.US_ASCII));
            case "webp" -> startsWith(bytes, 0, "RIFF".getBytes(StandardCharsets.US_ASCII))
                    && startsWith(bytes, 8, "WEBP".getBytes(StandardCharsets.US_ASCII));
            case "pdf" -> startsWith(bytes, 0, "%PDF-".getBytes(StandardCharsets.US_ASCII));
            default -> isUtf8(bytes);
        };
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
