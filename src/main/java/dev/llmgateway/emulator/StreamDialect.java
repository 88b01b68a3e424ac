package dev.llmgateway.emulator;

import java.util.List;

/** How one answer becomes event-stream frames in a given streaming operation. */
interface StreamDialect {

    /** Frames sent before the first delta. */
    List<byte[]> opening();

    /** The frame carrying one piece of the answer. */
    byte[] delta(String text);

    /** Frames sent after the last delta, carrying the stop reason and usage. */
    List<byte[]> closing(long invocationLatencyMs, long firstByteLatencyMs);
}
