package dev.llmgateway.bench;

/** One stream: when its first byte came (ns after its scheduled start; -1 if none did), its text chunks, and whether it ended cleanly. */
record StreamResult(long firstByteNanos, int chunks, boolean completed) {

    static final StreamResult FAILED = new StreamResult(-1, 0, false);
}
