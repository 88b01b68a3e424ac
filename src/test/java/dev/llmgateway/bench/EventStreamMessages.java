package dev.llmgateway.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a streamed AWS event-stream body into its messages as they arrive and hands each message's event type to a
 * consumer. A message is a 4-byte big-endian total length, a 4-byte headers length, a prelude CRC, the headers, the
 * payload and a message CRC; the event type is the value of its {@code :event-type} header.
 */
final class EventStreamMessages {

    private static final byte[] EVENT_TYPE = ":event-type".getBytes(StandardCharsets.US_ASCII);
    private static final int PRELUDE = 12;

    private final Consumer<String> onEvent;
    private byte[] buffered = new byte[8192];
    private int length;

    EventStreamMessages(Consumer<String> onEvent) {
        this.onEvent = onEvent;
    }

    /** Takes the next bytes of the body; every message they complete goes to the consumer. */
    void feed(byte[] piece) {
        if (length + piece.length > buffered.length) {
            buffered = Arrays.copyOf(buffered, Math.max(buffered.length * 2, length + piece.length));
        }
        System.arraycopy(piece, 0, buffered, length, piece.length);
        length += piece.length;
        int start = 0;
        while (length - start >= PRELUDE) {
            int total = ByteBuffer.wrap(buffered, start, 4).getInt();
            if (length - start < total) {
                break;
            }
            int headersLength = ByteBuffer.wrap(buffered, start + 4, 4).getInt();
            onEvent.accept(eventType(start + PRELUDE, headersLength));
            start += total;
        }
        System.arraycopy(buffered, start, buffered, 0, length - start);
        length -= start;
    }

    /**
     * A header is: name length (1 byte), name, value type (1 byte), value; string values (type 7, all the emulator
     * writes) have a 2-byte length.
     */
    private String eventType(int at, int headersLength) {
        int end = at + headersLength;
        while (at < end) {
            int nameLength = buffered[at] & 0xff;
            boolean isEventType = Arrays.equals(buffered, at + 1, at + 1 + nameLength, EVENT_TYPE, 0, EVENT_TYPE.length);
            at += 1 + nameLength + 1;
            int valueLength = ByteBuffer.wrap(buffered, at, 2).getShort() & 0xffff;
            if (isEventType) {
                return new String(buffered, at + 2, valueLength, StandardCharsets.US_ASCII);
            }
            at += 2 + valueLength;
        }
        return "";
    }
}
