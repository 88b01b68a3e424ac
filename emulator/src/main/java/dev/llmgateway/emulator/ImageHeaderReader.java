package dev.llmgateway.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads an image's dimensions from its header, never its pixels: PNG's IHDR chunk, the first JPEG SOFn
 * segment (the walk skips the segments before it by their lengths), GIF's logical screen descriptor, and
 * WebP's VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk. Empty when the header is cut short or
 * does not say.
 */
final class ImageHeaderReader {

    private ImageHeaderReader() {
    }

    static Optional<ImageSize> read(ImageType type, byte[] bytes) {
        if (!type.matches(bytes)) {
            return Optional.empty();
        }
        Optional<ImageSize> size = switch (type) {
            case PNG -> png(bytes);
            case JPEG -> jpeg(bytes);
            case GIF -> gif(bytes);
            case WEBP -> webp(bytes);
        };
        return size.filter(s -> s.width() > 0 && s.height() > 0);
    }

    /** The IHDR chunk comes first, right after the 8-byte signature: length, "IHDR", width, height. */
    private static Optional<ImageSize> png(byte[] bytes) {
        if (bytes.length < 24 || !ImageType.startsWith(bytes, 12, new byte[] {'I', 'H', 'D', 'R'})) {
            return Optional.empty();
        }
        return Optional.of(new ImageSize(int32(bytes, 16), int32(bytes, 20)));
    }

    private static Optional<ImageSize> jpeg(byte[] bytes) {
        int at = 2;
        while (at + 4 <= bytes.length) {
            if (u8(bytes, at) != 0xFF) {
                return Optional.empty();
            }
            int marker = u8(bytes, at + 1);
            if (marker == 0xFF) {
                at++; // a fill byte before the marker
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                at += 2; // TEM, RSTn and SOI stand alone, without a length
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return Optional.empty(); // end of image, or the scan started, before any frame header
            }
            int length = u16(bytes, at + 2);
            if (isStartOfFrame(marker)) {
                // length, sample precision, then the number of lines (height) before the samples per line (width)
                return at + 9 <= bytes.length ? Optional.of(new ImageSize(u16(bytes, at + 7), u16(bytes, at + 5))) : Optional.empty();
            }
            at += 2 + length;
        }
        return Optional.empty();
    }

    /** SOF0 to SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** "GIF87a" or "GIF89a", then the logical screen's width and height, little-endian. */
    private static Optional<ImageSize> gif(byte[] bytes) {
        return bytes.length < 10 ? Optional.empty() : Optional.of(new ImageSize(u16le(bytes, 6), u16le(bytes, 8)));
    }

    /** After "RIFF", the file size and "WEBP" comes the first chunk's name at 12; its payload starts at 20. */
    private static Optional<ImageSize> webp(byte[] bytes) {
        if (bytes.length < 16) {
            return Optional.empty();
        }
        return switch (new String(bytes, 12, 4, StandardCharsets.US_ASCII)) {
            case "VP8 " -> vp8(bytes);
            case "VP8L" -> vp8l(bytes);
            case "VP8X" -> vp8x(bytes);
            default -> Optional.empty();
        };
    }

    /** Lossy: a 3-byte frame tag and the start code 9D 01 2A, then 14-bit width and height (2 bits of scale above each). */
    private static Optional<ImageSize> vp8(byte[] bytes) {
        if (bytes.length < 30 || u8(bytes, 23) != 0x9D || u8(bytes, 24) != 0x01 || u8(bytes, 25) != 0x2A) {
            return Optional.empty();
        }
        return Optional.of(new ImageSize(u16le(bytes, 26) & 0x3FFF, u16le(bytes, 28) & 0x3FFF));
    }

    /** Lossless: the signature byte 2F, then width-1 and height-1 in 14 bits each of a little-endian 32-bit word. */
    private static Optional<ImageSize> vp8l(byte[] bytes) {
        if (bytes.length < 25 || u8(bytes, 20) != 0x2F) {
            return Optional.empty();
        }
        int bits = u16le(bytes, 21) | u16le(bytes, 23) << 16;
        return Optional.of(new ImageSize((bits & 0x3FFF) + 1, (bits >>> 14 & 0x3FFF) + 1));
    }

    /** Extended: flags and 3 reserved bytes, then canvas width-1 and height-1 in 24 bits each, little-endian. */
    private static Optional<ImageSize> vp8x(byte[] bytes) {
        return bytes.length < 30 ? Optional.empty() : Optional.of(new ImageSize(u24le(bytes, 24) + 1, u24le(bytes, 27) + 1));
    }

    private static int u8(byte[] bytes, int at) {
        return bytes[at] & 0xFF;
    }

    private static int u16(byte[] bytes, int at) {
        return u8(bytes, at) << 8 | u8(bytes, at + 1);
    }

    private static int u16le(byte[] bytes, int at) {
        return u8(bytes, at) | u8(bytes, at + 1) << 8;
    }

    private static int u24le(byte[] bytes, int at) {
        return u16le(bytes, at) | u8(bytes, at + 2) << 16;
    }

    /** PNG's dimensions are unsigned 31-bit; a larger value reads as negative and so as no size. */
    private static int int32(byte[] bytes, int at) {
        return u16(bytes, at) << 16 | u16(bytes, at + 2);
    }
}
