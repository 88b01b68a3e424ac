package dev.llmgateway.emulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.imageio.ImageIO;

/** Small images and documents built in the test: PNG, JPEG and GIF by javax.imageio, WebP headers and PDFs by hand. */
final class MediaSamples {

    private MediaSamples() {
    }

    static byte[] png(int width, int height) {
        return imageIo("png", width, height);
    }

    static byte[] jpeg(int width, int height) {
        return imageIo("jpeg", width, height);
    }

    static byte[] gif(int width, int height) {
        return imageIo("gif", width, height);
    }

    /** A lossy WebP: the VP8 chunk's frame tag, start code and 14-bit dimensions, then a few bytes standing for the frame. */
    static byte[] webpLossy(int width, int height) {
        ByteBuffer vp8 = le(16).put(new byte[] {0x30, 0x01, 0x00, (byte) 0x9D, 0x01, 0x2A})
                .putShort((short) width).putShort((short) height).put(new byte[6]);
        return riffWebp("VP8 ", vp8.array());
    }

    /** A lossless WebP: the VP8L signature byte, then width-1 and height-1 in 14 bits each. */
    static byte[] webpLossless(int width, int height) {
        ByteBuffer vp8l = le(9).put((byte) 0x2F).putInt((width - 1) | (height - 1) << 14).put(new byte[4]);
        return riffWebp("VP8L", vp8l.array());
    }

    /** An extended WebP: VP8X flags, 3 reserved bytes, then canvas width-1 and height-1 in 24 bits each. */
    static byte[] webpExtended(int width, int height) {
        ByteBuffer vp8x = le(10).put(new byte[4]);
        vp8x.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        vp8x.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        return riffWebp("VP8X", vp8x.array());
    }

    /** A PDF of that many pages: a catalog, a page tree node ({@code /Type /Pages}) and one page object per page. */
    static byte[] pdf(int pages) {
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        StringBuilder kids = new StringBuilder();
        for (int page = 0; page < pages; page++) {
            kids.append(3 + page).append(" 0 R ");
        }
        pdf.append("2 0 obj\n<< /Type /Pages /Kids [").append(kids).append("] /Count ").append(pages).append(" >>\nendobj\n");
        for (int page = 0; page < pages; page++) {
            pdf.append(3 + page).append(" 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n");
        }
        pdf.append("trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The bytes with zeros after them, to make a file large without changing its header. */
    static byte[] padded(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    static String sha256Prefix(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] imageIo(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x * height / width, 0x3366CC);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] riffWebp(String chunk, byte[] payload) {
        ByteBuffer file = le(20 + payload.length).put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + payload.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(chunk.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length)
                .put(payload);
        return file.array();
    }

    private static ByteBuffer le(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }
}
