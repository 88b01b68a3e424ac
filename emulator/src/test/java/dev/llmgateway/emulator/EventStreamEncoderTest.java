package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** Frames read back by the decoder the SDK uses, which verifies both CRCs with the eventstream library's checks. */
class EventStreamEncoderTest {

    @Test
    void eventFramesDecodeWithTheirHeadersAndPayload() {
        byte[] payload = "{\"bytes\":\"eyJ0eXBlIjoibWVzc2FnZV9zdG9wIn0=\",\"p\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
        List<Message> decoded = decode(EventStreamEncoder.event("chunk", payload));

        assertThat(decoded).hasSize(1);
        Map<String, HeaderValue> headers = decoded.get(0).getHeaders();
        assertThat(headers.get(":event-type").getString()).isEqualTo("chunk");
        assertThat(headers.get(":content-type").getString()).isEqualTo("application/json");
        assertThat(headers.get(":message-type").getString()).isEqualTo("event");
        assertThat(decoded.get(0).getPayload()).isEqualTo(payload);
    }

    @Test
    void exceptionFramesCarryTheExceptionType() {
        byte[] payload = "{\"message\":\"Too many requests, please wait before trying again.\"}".getBytes(StandardCharsets.UTF_8);
        Message decoded = decode(EventStreamEncoder.exception("throttlingException", payload)).get(0);
        assertThat(decoded.getHeaders().get(":message-type").getString()).isEqualTo("exception");
        assertThat(decoded.getHeaders().get(":exception-type").getString()).isEqualTo("throttlingException");
        assertThat(decoded.getPayload()).isEqualTo(payload);
    }

    @Test
    void framesSplitAcrossReadsAndBackToBackDecodeInOrder() {
        byte[] first = EventStreamEncoder.event("messageStart", "{\"role\":\"assistant\"}".getBytes(StandardCharsets.UTF_8));
        byte[] second = EventStreamEncoder.event("contentBlockDelta", "{\"delta\":{\"text\":\"h\u00e9llo\"}}".getBytes(StandardCharsets.UTF_8));
        ByteBuffer both = ByteBuffer.allocate(first.length + second.length).put(first).put(second);
        MessageDecoder decoder = new MessageDecoder();
        byte[] all = both.array();
        for (int i = 0; i < all.length; i += 7) {
            decoder.feed(all, i, Math.min(7, all.length - i));
        }
        List<Message> messages = decoder.getDecodedMessages();
        assertThat(messages).extracting(m -> m.getHeaders().get(":event-type").getString())
                .containsExactly("messageStart", "contentBlockDelta");
    }

    @Test
    void preludeCarriesTheLengths() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":message-type", "event");
        byte[] frame = EventStreamEncoder.encode(headers, new byte[10]);
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int headersLength = 1 + ":message-type".length() + 1 + 2 + "event".length();
        assertThat(buffer.getInt(0)).isEqualTo(frame.length).isEqualTo(12 + headersLength + 10 + 4);
        assertThat(buffer.getInt(4)).isEqualTo(headersLength);
    }

    @Test
    void aCorruptedFrameIsRejectedByTheSdkDecoder() {
        byte[] frame = EventStreamEncoder.event("chunk", "{}".getBytes(StandardCharsets.UTF_8));
        frame[frame.length - 6] ^= 0x01;
        assertThatThrownBy(() -> decode(frame)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Message> decode(byte[] frame) {
        MessageDecoder decoder = new MessageDecoder();
        decoder.feed(frame);
        return decoder.getDecodedMessages();
    }
}
