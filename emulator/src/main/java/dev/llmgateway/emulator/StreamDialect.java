package dev.llmgateway.emulator;

import java.util.List;

/** How one answer becomes event-stream frames in a given streaming operation. */
interface StreamDialect {

    /** Frames sent before the first content block. */
    List<byte[]> opening();

    /** Frames that open the content block at {@code index}, before its first delta. */
    List<byte[]> blockStart(int index, AnswerBlock block);

    /** The frame carrying one piece of a content block. */
    byte[] delta(int index, AnswerBlock block, String piece);

    /** Frames that close the content block at {@code index}, after its last delta. */
    List<byte[]> blockStop(int index, AnswerBlock block);

    /** Frames sent after the last content block, carrying the stop reason and usage. */
    List<byte[]> closing(long invocationLatencyMs, long firstByteLatencyMs);
}
