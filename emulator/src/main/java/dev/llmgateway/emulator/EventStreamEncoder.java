package dev.llmgateway.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes {@code application/vnd.amazon.eventstream} messages: a big-endian prelude (total length,
 * headers length, CRC-32 of those eight bytes), string headers (type 7), the payload, and a CRC-32
 * of everything before it.
 */
public final class EventStreamEncoder {
    private static final int PRELUDE_LENGTH = 12;
    private static final int CRC_LENGTH = 4;
    private static final byte STRING_HEADER_TYPE = 7;
    private static final String JSON = "application/json";

    private EventStreamEncoder() {
    }

    /** An event frame: {@code :event-type}, {@code :content-type: application/json}, {@code :message-type: event}. */
    public static byte[] event(String eventType, byte[] jsonPayload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", JSON);
        headers.put(":message-type", "event");
        return encode(headers, jsonPayload);
    }

    /** An exception frame: {@code :exception-type} (camelCase), {@code :content-type}, {@code :message-type: exception}. */
    public static byte[] exception(String exceptionType, byte[] jsonPayload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", JSON);
        headers.put(":message-type", "exception");
        return encode(headers, jsonPayload);
    }

    public static byte[] encode(Map<String, String> headers, byte[] payload) {
        byte[] encodedHeaders = encodeHeaders(headers);
        int total = PRELUDE_LENGTH + encodedHeaders.length + payload.length + CRC_LENGTH;
        ByteBuffer frame = ByteBuffer.allocate(total);
        frame.putInt(total).putInt(encodedHeaders.length);
        frame.putInt((int) crc32(frame.array(), 0, 8));
        frame.put(encodedHeaders).put(payload);
        frame.putInt((int) crc32(frame.array(), 0, total - CRC_LENGTH));
        return frame.array();
    }

    private static byte[] encodeHeaders(Map<String, String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
            if (nameBytes.length > 255 || valueBytes.length > 0xffff) {
                throw new IllegalArgumentException("event-stream header too long: " + name);
            }
            out.write(nameBytes.length);
            out.writeBytes(nameBytes);
            out.write(STRING_HEADER_TYPE);
            out.write(valueBytes.length >>> 8);
            out.write(valueBytes.length & 0xff);
            out.writeBytes(valueBytes);
        });
        return out.toByteArray();
    }

    private static long crc32(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
