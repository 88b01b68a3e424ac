package dev.llmgateway.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** A running hash of the prompt read so far, in prompt order, and the cache checkpoints taken along it. */
final class PromptPrefix {
    static final int MAX_CHECKPOINTS = 4;

    private final MessageDigest digest = sha256();

    void add(JsonNode element) {
        digest.update(Json.text(element).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    /**
     * @param ttl          the checkpoint's ttl, "1h" or anything else for the default of five minutes
     * @param tokensBefore the prompt's tokens before the checkpoint
     */
    PromptCacheSimulator.CacheCheckpoint checkpoint(String ttl, int tokensBefore) {
        String hash;
        try {
            hash = HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests clone", e);
        }
        long ttlNanos = "1h".equals(ttl) ? TimeUnit.HOURS.toNanos(1) : TimeUnit.MINUTES.toNanos(5);
        return new PromptCacheSimulator.CacheCheckpoint(hash, tokensBefore, ttlNanos);
    }

    /** Anthropic's limit, which Bedrock applies in Anthropic's words. */
    static void checkCount(int checkpoints) {
        if (checkpoints > MAX_CHECKPOINTS) {
            throw BedrockFailure.validation("A maximum of " + MAX_CHECKPOINTS + " blocks with cache_control may be "
                    + "provided. Found " + checkpoints + ".");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
