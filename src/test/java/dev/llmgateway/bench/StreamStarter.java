package dev.llmgateway.bench;

import java.util.concurrent.CompletableFuture;

/** Opens one token stream of {@code outputTokens} tokens; the result's first byte is timed from {@code scheduledNanos}. */
interface StreamStarter {
    CompletableFuture<StreamResult> start(long scheduledNanos);
}
