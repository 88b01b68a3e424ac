package dev.llmgateway.auth;

import dev.llmgateway.chat.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates keys and hashes them. Keys carry 256 random bits, so a plain SHA-256 is enough to store them: there is
 * nothing to guess that a slow hash would protect. A configured value written as {@code sha256:<hex>} is taken
 * as an already hashed key.
 */
public final class ApiKeySecrets {

    public static final String KEY_PREFIX = "sk-llmgw-";
    private static final String HASHED = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public static String newKey() {
        return KEY_PREFIX + randomToken(32);
    }

    public static String newKeyId() {
        return "key_" + randomToken(12);
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public static String hash(String key) {
        return Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the hash of a configured secret: the hex after {@code sha256:}, or the hash of the plain value */
    public static String hashOfConfigured(String configured) {
        return configured.startsWith(HASHED) ? configured.substring(HASHED.length()).toLowerCase() : hash(configured);
    }

    public static boolean isHashed(String configured) {
        return configured.startsWith(HASHED);
    }

    /** Compares in time independent of where the two differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** The part of a key that may be shown: its prefix and a few characters, never enough to use it. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), KEY_PREFIX.length() + 4));
    }
}
