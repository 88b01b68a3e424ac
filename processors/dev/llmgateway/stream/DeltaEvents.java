package dev.llmgateway.stream;

import dev.llmgateway.chat.Json;
import java.nio.charset.StandardCharsets;

/**
 * The events of one stream's text pieces, made by splicing each piece into its format's event for a marker text
 * rather than serializing the whole event again for every token. Falls back to the format when the marker is not
 * found exactly once (a stream's id or model holding it).
 */
final class DeltaEvents {

    private static final String MARKER = "\u0000";
    /** How the gateway's JSON writer writes the marker inside a string. */
    private static final String ESCAPED_MARKER = "\\u0000";

    private final SseFormat format;
    private final SseFormat.StreamMeta meta;
    private final String before;
    private final String after;

    DeltaEvents(SseFormat format, SseFormat.StreamMeta meta) {
        this.format = format;
        this.meta = meta;
        String event = format.delta(meta, MARKER);
        int at = event.indexOf(ESCAPED_MARKER);
        boolean once = at >= 0 && at == event.lastIndexOf(ESCAPED_MARKER);
        this.before = once ? event.substring(0, at) : null;
        this.after = once ? event.substring(at + ESCAPED_MARKER.length()) : null;
    }

    /** @return the events for this piece of text, as {@link SseFormat#delta} writes them */
    String of(String text) {
        if (before == null) {
            return format.delta(meta, text);
        }
        byte[] quoted = Json.bytes(text);
        return before + new String(quoted, 1, quoted.length - 2, StandardCharsets.UTF_8) + after;
    }
}
