package dev.llmgateway.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One region's prompt cache, as Bedrock keeps it: the prefixes written at a request's cache checkpoints, by model and
 * prefix hash, each until its time to live runs out (refreshed on every read). A request reads the longest of its
 * prefixes the cache holds, and writes everything from there to its last checkpoint; a prefix shorter than the
 * model's minimum is not cached. Bounded: past {@link #MAX_PREFIXES} the least recently used prefix is forgotten.
 */
final class PromptCacheSimulator {
    static final int MAX_PREFIXES = 10_000;

    private final LongSupplier nanoClock;
    private final Map<String, Long> expiries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_PREFIXES;
        }
    };

    PromptCacheSimulator(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * @param baseModelId  the model the cache belongs to
     * @param checkpoints  the request's checkpoints in prompt order (their prefixes grow)
     * @param promptTokens every prompt token of the request
     * @return the prompt's tokens split into those read, written and neither
     */
    synchronized PromptTokens account(String baseModelId, List<CacheCheckpoint> checkpoints, int promptTokens) {
        int minimumTokens = minimumTokens(baseModelId);
        long now = nanoClock.getAsLong();
        int read = 0;
        int cached = 0;
        for (CacheCheckpoint checkpoint : checkpoints) {
            int tokens = Math.min(checkpoint.prefixTokens(), promptTokens);
            if (tokens < minimumTokens) {
                continue;
            }
            String key = baseModelId + '/' + checkpoint.prefixSha256();
            Long expiry = expiries.get(key);
            if (expiry != null && expiry - now > 0) {
                read = Math.max(read, tokens);
            }
            expiries.put(key, now + checkpoint.ttlNanos());
            cached = Math.max(cached, tokens);
        }
        return new PromptTokens(promptTokens - cached, read, cached - read);
    }

    /**
     * The shortest prefix a model caches, by Anthropic's and Bedrock's tables: 4,096 tokens for Claude Haiku 4.5 and
     * Opus 4.5 on, 2,048 for the Claude 3 and 3.5 Haiku models, 1,024 for the others (Nova's is about 1,000).
     */
    static int minimumTokens(String baseModelId) {
        if (baseModelId.contains("haiku-4-5") || baseModelId.contains("opus-4-5") || baseModelId.contains("opus-4-6")) {
            return 4096;
        }
        if (baseModelId.contains("claude-3-haiku") || baseModelId.contains("claude-3-5-haiku")) {
            return 2048;
        }
        return 1024;
    }

    /**
     * A prompt's tokens as Bedrock bills them.
     *
     * @param inputTokens      neither read from the cache nor written to it
     * @param cacheReadTokens  read from the cache
     * @param cacheWriteTokens written to it
     */
    record PromptTokens(int inputTokens, int cacheReadTokens, int cacheWriteTokens) {

        /** A prompt without checkpoints: all of it is input. */
        static PromptTokens uncached(int promptTokens) {
            return new PromptTokens(promptTokens, 0, 0);
        }
    }

    /**
     * The prompt up to one cache checkpoint.
     *
     * @param prefixSha256 a hash of everything before the checkpoint
     * @param prefixTokens its tokens
     * @param ttlNanos     how long the cached prefix lives unread
     */
    record CacheCheckpoint(String prefixSha256, int prefixTokens, long ttlNanos) {
    }
}
