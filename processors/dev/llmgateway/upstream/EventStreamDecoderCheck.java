package dev.llmgateway.upstream;

import java.net.URL;
import java.security.CodeSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.eventstream.MessageDecoder;

/**
 * Whether the gateway's own event-stream decoder (see {@link MessageDecoder}) is the one loaded, rather than the
 * eventstream library's, which holds 2 MiB of heap for every open Bedrock stream.
 */
final class EventStreamDecoderCheck {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamDecoderCheck.class);

    private EventStreamDecoderCheck() {
    }

    static boolean gatewayDecoderLoaded() {
        return Objects.equals(location(MessageDecoder.class), location(EventStreamDecoderCheck.class));
    }

    static void warnUnlessGatewayDecoderLoaded() {
        if (!gatewayDecoderLoaded()) {
            LOG.warn("{} was loaded from {}, not from the gateway ({}): every open Bedrock stream will hold 2 MiB of "
                            + "heap. Put the gateway's jar before its libraries on the class path.",
                    MessageDecoder.class.getName(), location(MessageDecoder.class),
                    location(EventStreamDecoderCheck.class));
        }
    }

    private static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
