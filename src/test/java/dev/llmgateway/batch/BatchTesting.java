package dev.llmgateway.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Settings and helpers the batch end-to-end tests share. */
final class BatchTesting {

    /** A model with a small context window, so a few pages already overflow it. */
    static final int CONTEXT_WINDOW = 1_500;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private BatchTesting() {
    }

    /** The small model, failover that gives up quickly and never pauses a region, and batch on that model. */
    static String config(String triggers) {
        return """
                models:
                  tiny:
                    family: claude
                    contextWindow: %d
                    maxOutputTokens: 200
                    defaultMaxTokens: 200
                    targets:
                      - region: us-east-1
                        modelId: anthropic.claude-3-haiku-20240307-v1:0
                      - region: us-west-2
                        modelId: anthropic.claude-3-haiku-20240307-v1:0
                failover:
                  deadlineMs: 5000
                  backoffBaseMs: 20
                  backoffMaxMs: 50
                  breakerWindow: 1000
                  breakerMinimumCalls: 1000
                batch:
                  model: tiny
                  summaryMaxTokens: 150
                  concurrency: 4
                  chunking:
                    overlapTokens: 50
                """.formatted(CONTEXT_WINDOW) + triggers.indent(2);
    }

    static String files(Path root) {
        return """
                files:
                  enabled: true
                  inbox: %s
                  outbox: %s
                  done: %s
                  error: %s
                  pollMs: 50
                  stableMs: 50
                """.formatted(root.resolve("inbox"), root.resolve("outbox"), root.resolve("done"), root.resolve("error"));
    }

    /** Varied sentences, so that an extractive summary has something to choose. */
    static String prose(int sentences) {
        String[] subjects = {"The harbour", "The council", "The new bridge", "The rail line", "The school board"};
        String[] verbs = {"reopened", "approved a budget of", "cut costs by", "hired", "delayed work worth"};
        return IntStream.rangeClosed(1, sentences)
                .mapToObj(i -> subjects[i % subjects.length] + " " + verbs[(i / 5) % verbs.length] + " " + (i * 37)
                        + " thousand in week " + i + (i % 7 == 0 ? ".\n\n" : ". "))
                .collect(Collectors.joining());
    }

    /** Waits for something the gateway does in the background; fails naming it if it never happens. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
