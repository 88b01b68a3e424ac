package dev.llmgateway.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the emulated model's reasoning and checks it when it comes back, as Claude does: an HMAC-SHA256 of the text
 * under the emulator's key, base64. A redacted block's data is the HMAC followed by the text, so it too can be
 * checked. The key is fixed: signatures only need to survive the emulator's restarts, not to be secret.
 */
final class ThinkingSignatures {
    private static final byte[] KEY =
            "llm-gateway bedrock emulator: thinking signatures".getBytes(StandardCharsets.UTF_8);
    private static final int MAC_LENGTH = 32;

    private ThinkingSignatures() {
    }

    static String sign(String text) {
        return Base64.getEncoder().encodeToString(mac(text.getBytes(StandardCharsets.UTF_8)));
    }

    static boolean verify(String text, String signature) {
        byte[] expected = mac(text.getBytes(StandardCharsets.UTF_8));
        try {
            return MessageDigest.isEqual(expected, Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] redacted(String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] mac = mac(plain);
        byte[] data = Arrays.copyOf(mac, MAC_LENGTH + plain.length);
        System.arraycopy(plain, 0, data, MAC_LENGTH, plain.length);
        return data;
    }

    static boolean verifyRedacted(byte[] data) {
        return data.length >= MAC_LENGTH && MessageDigest.isEqual(Arrays.copyOf(data, MAC_LENGTH),
                mac(Arrays.copyOfRange(data, MAC_LENGTH, data.length)));
    }

    private static byte[] mac(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
