package dev.llmgateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.eventstream.MessageDecoder;

class EventStreamDecoderCheckTest {

    @Test
    void theGatewaysDecoderIsTheOneLoaded() {
        assertThat(EventStreamDecoderCheck.gatewayDecoderLoaded()).isTrue();
    }

    /** Fails when an SDK upgrade reads event streams some other way: then see whether it still costs 2 MiB a stream. */
    @Test
    void theSdkReadsEventStreamsWithThatDecoder() throws Exception {
        Class<?> sdkReader = Class.forName("software.amazon.awssdk.awscore.eventstream."
                + "EventStreamAsyncResponseTransformer$SynchronousMessageDecoder");
        assertThat(sdkReader.getDeclaredField("decoder").getType()).isEqualTo(MessageDecoder.class);
    }
}
