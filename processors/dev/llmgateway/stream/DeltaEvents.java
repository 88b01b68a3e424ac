package dev.llmgateway.stream;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The events of one stream's text pieces, ready to write: each piece is escaped as a JSON string's content and spliced
 * between the UTF-8 bytes its format writes around a marker text, rendered once per stream, so a token costs one
 * escape and one buffer rather than serializing the whole event again. Falls back to the format when the marker is
 * not found exactly once (a stream's id or model holding it), for a format that is not stateless, and for text
 * holding surrogates (emoji, or half of one): the gateway's JSON writer escapes each surrogate as a six-character
 * escape, where the escaper would write UTF-8 or refuse.
 */
final class DeltaEvents {

    private static final String MARKER = "\u0000";
    /** How the gateway's JSON writer writes the marker inside a string. */
    private static final String ESCAPED_MARKER = "\\u0000";
    /** Escapes quotes, backslashes and control characters as the gateway's JSON writer does. */
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    private final SseFormat format;
    private final SseFormat.StreamMeta meta;
    private final byte[] before;
    private final byte[] after;

    DeltaEvents(SseFormat format, SseFormat.StreamMeta meta) {
        this.format = format;
        this.meta = meta;
        String event = format.stateless() ? format.delta(meta, MARKER) : "";
        int at = event.indexOf(ESCAPED_MARKER);
        boolean once = at >= 0 && at == event.lastIndexOf(ESCAPED_MARKER);
        this.before = once ? event.substring(0, at).getBytes(StandardCharsets.UTF_8) : null;
        this.after = once ? event.substring(at + ESCAPED_MARKER.length()).getBytes(StandardCharsets.UTF_8) : null;
    }

    /** @return the events for this piece of text, as {@link SseFormat#delta} writes them */
    Buffer of(String text) {
        if (before == null || hasSurrogate(text)) {
            return Buffer.buffer(format.delta(meta, text));
        }
        byte[] escaped = ESCAPER.quoteAsUTF8(text);
        return Buffer.buffer(before.length + escaped.length + after.length)
                .appendBytes(before).appendBytes(escaped).appendBytes(after);
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
