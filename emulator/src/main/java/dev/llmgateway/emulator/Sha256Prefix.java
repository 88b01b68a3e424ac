package dev.llmgateway.emulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The first 8 hex digits of a SHA-256: enough for a test to tell that bytes arrived unaltered. */
final class Sha256Prefix {
    private static final int BYTES = 4;

    private Sha256Prefix() {
    }

    static String of(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
