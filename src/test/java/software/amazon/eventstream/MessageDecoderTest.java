package software.amazon.eventstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's decoder, fed frames made by the eventstream library's own encoder. */
class MessageDecoderTest {

    private static final Message START = event("messageStart", "{\"role\":\"assistant\"}");
    private static final Message DELTA = event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"h\u00e9llo\"}}");
    private static final Message STOP = event("messageStop", "{\"stopReason\":\"end_turn\"}");

    @Test
    void decodesBackToBackMessagesFedAtOnce() {
        MessageDecoder decoder = new MessageDecoder();
        ByteBuffer bytes = concat(START, DELTA, STOP);

        decoder.feed(bytes);

        assertThat(decoder.getDecodedMessages()).containsExactly(START, DELTA, STOP);
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void decodesTheSameMessagesWhereverTheBytesAreSplit() {
        byte[] all = concat(START, DELTA).array();
        for (int split = 1; split < all.length; split++) {
            MessageDecoder decoder = new MessageDecoder();
            decoder.feed(all, 0, split);
            decoder.feed(all, split, all.length - split);
            assertThat(decoder.getDecodedMessages()).as("split at byte %d", split).containsExactly(START, DELTA);
        }
    }

    @Test
    void decodesMessagesFedOneByteAtATime() {
        MessageDecoder decoder = new MessageDecoder();
        for (byte b : concat(START, DELTA, STOP).array()) {
            decoder.feed(new byte[] {b});
        }
        assertThat(decoder.getDecodedMessages()).containsExactly(START, DELTA, STOP);
    }

    @Test
    void decodesAMessageLargerThanItsFirstBufferFromChunksOfADirectBuffer() {
        Message large = new Message(headers("chunk"), "x".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        ByteBuffer frames = concat(START, large, STOP);
        ByteBuffer direct = ByteBuffer.allocateDirect(frames.remaining() + 5).position(5);
        direct.put(frames).position(5);
        MessageDecoder decoder = new MessageDecoder();

        while (direct.hasRemaining()) {
            ByteBuffer chunk = direct.slice();
            chunk.limit(Math.min(1_000, chunk.remaining()));
            decoder.feed(chunk);
            assertThat(chunk.hasRemaining()).isFalse();
            direct.position(direct.position() + chunk.limit());
        }

        assertThat(decoder.getDecodedMessages()).containsExactly(START, large, STOP);
    }

    @Test
    void handsEachMessageToItsConsumerAsSoonAsItIsWhole() {
        List<Message> consumed = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(consumed::add);
        byte[] start = START.toByteBuffer().array();

        decoder.feed(start, 0, start.length - 1);
        assertThat(consumed).isEmpty();
        decoder.feed(start, start.length - 1, 1);
        assertThat(consumed).containsExactly(START);
        assertThatThrownBy(decoder::getDecodedMessages).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void returnsOnlyTheMessagesDecodedSinceTheLastCall() {
        MessageDecoder decoder = new MessageDecoder();
        decoder.feed(START.toByteBuffer());
        assertThat(decoder.getDecodedMessages()).containsExactly(START);

        decoder.feed(DELTA.toByteBuffer());
        assertThat(decoder.getDecodedMessages()).containsExactly(DELTA);
        assertThat(decoder.getDecodedMessages()).isEmpty();
    }

    @Test
    void rejectsAPreludeOrAMessageWhoseChecksumFails() {
        byte[] badPrelude = START.toByteBuffer().array();
        badPrelude[2] ^= 1;
        assertThatThrownBy(() -> new MessageDecoder().feed(badPrelude))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Prelude checksum");

        byte[] badPayload = START.toByteBuffer().array();
        badPayload[badPayload.length - 6] ^= 1;
        assertThatThrownBy(() -> new MessageDecoder().feed(badPayload))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checksum");
    }

    /** The eventstream library's decoder allocates 2 MiB when it is made; the SDK makes one per open stream. */
    @Test
    void aDecoderOfSmallMessagesAllocatesKilobytesNotMegabytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] frames = concat(START, DELTA, STOP).array();
        List<MessageDecoder> decoders = new ArrayList<>();
        long before = threads.getCurrentThreadAllocatedBytes();

        for (int i = 0; i < 100; i++) {
            MessageDecoder decoder = new MessageDecoder();
            decoder.feed(frames, 0, 40);
            decoder.feed(frames, 40, frames.length - 40);
            decoders.add(decoder);
        }

        long perDecoder = (threads.getCurrentThreadAllocatedBytes() - before) / decoders.size();
        assertThat(perDecoder).isLessThan(16 * 1024);
    }

    private static Message event(String type, String payload) {
        return new Message(headers(type), payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, HeaderValue> headers(String eventType) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return headers;
    }

    private static ByteBuffer concat(Message... messages) {
        List<ByteBuffer> frames = new ArrayList<>();
        int length = 0;
        for (Message message : messages) {
            ByteBuffer frame = message.toByteBuffer();
            frames.add(frame);
            length += frame.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        frames.forEach(all::put);
        return all.flip();
    }
}
