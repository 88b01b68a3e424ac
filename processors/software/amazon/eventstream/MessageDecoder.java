package software.amazon.eventstream;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gateway's replacement for the eventstream library's decoder of the same name, with the same public API. It
 * wins because it comes first on the class path (the library's jar, a direct dependency of the gateway and of an
 * application using the Kamelets, before the AWS SDK's, a transitive one); {@code EventStreamDecoderCheck} warns at
 * start-up if it did not.
 *
 * <p>Why: the library's decoder allocates a 2 MiB buffer when it is made, and the AWS SDK makes one for every event
 * stream it reads. A thousand open Bedrock streams held 2 GB of heap, almost all of it zeros, and zeroing it took a
 * fifth of the gateway's CPU (aws/aws-sdk-java-v2#814, closed as not planned). This decoder decodes whole messages
 * straight from the bytes it is fed and keeps only a message split across reads, in a buffer the size of that
 * message. Framing and checks are the library's own: {@link Prelude#decode} (prelude checksum, size limits) and
 * {@link Message#decode(Prelude, ByteBuffer)} (message checksum, headers).
 */
public final class MessageDecoder {

    private static final int SMALLEST_BUFFER = 1024;

    private final Consumer<Message> messageConsumer;
    private List<Message> decodedMessages;
    /** The bytes so far of a message split across reads, in write mode; empty between messages. */
    private ByteBuffer partMessage = ByteBuffer.allocate(0);
    /** The split message's prelude, once its bytes are in. */
    private Prelude partPrelude;

    /** A decoder that keeps what it decodes until {@link #getDecodedMessages()} is called. */
    public MessageDecoder() {
        this.decodedMessages = new ArrayList<>();
        this.messageConsumer = message -> decodedMessages.add(message);
    }

    /** A decoder that hands each message to {@code messageConsumer} as soon as it is decoded. */
    public MessageDecoder(Consumer<Message> messageConsumer) {
        this.messageConsumer = messageConsumer;
    }

    /** The messages decoded since the last call; only for a decoder made without a consumer. */
    public List<Message> getDecodedMessages() {
        List<Message> decoded = decodedMessages();
        decodedMessages = new ArrayList<>();
        return Collections.unmodifiableList(decoded);
    }

    public void feed(byte[] bytes) {
        feed(ByteBuffer.wrap(bytes));
    }

    public void feed(byte[] bytes, int offset, int length) {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Reads all of {@code bytes}, decoding every message it completes. */
    public MessageDecoder feed(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            if (partMessage.position() == 0) {
                decodeWholeMessages(bytes);
            }
            if (bytes.hasRemaining()) {
                continuePartMessage(bytes);
            }
        }
        return this;
    }

    private void decodeWholeMessages(ByteBuffer bytes) {
        while (bytes.remaining() >= Prelude.LENGTH_WITH_CRC) {
            Prelude prelude = Prelude.decode(bytes);
            int length = prelude.getTotalLength();
            if (bytes.remaining() < length) {
                return;
            }
            ByteBuffer message = bytes.slice();
            message.limit(length);
            messageConsumer.accept(Message.decode(prelude, message));
            bytes.position(bytes.position() + length);
        }
    }

    private void continuePartMessage(ByteBuffer bytes) {
        int awaited = partPrelude == null ? Prelude.LENGTH_WITH_CRC : partPrelude.getTotalLength();
        ensureCapacity(awaited);
        int taken = Math.min(awaited - partMessage.position(), bytes.remaining());
        ByteBuffer piece = bytes.slice();
        piece.limit(taken);
        partMessage.put(piece);
        bytes.position(bytes.position() + taken);
        if (partMessage.position() < awaited) {
            return;
        }
        ByteBuffer received = partMessage.duplicate().flip();
        if (partPrelude == null) {
            partPrelude = Prelude.decode(received);
        } else {
            messageConsumer.accept(Message.decode(partPrelude, received));
            partMessage.clear();
            partPrelude = null;
        }
    }

    private void ensureCapacity(int length) {
        if (partMessage.capacity() < length) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(length, SMALLEST_BUFFER));
            partMessage = larger.put(partMessage.flip());
        }
    }

    private List<Message> decodedMessages() {
        if (decodedMessages == null) {
            throw new IllegalStateException("this decoder hands its messages to a consumer: it keeps none");
        }
        return decodedMessages;
    }
}
