package dev.llmgateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaEventsTest {

    private static final List<String> TEXTS = List.of("Hello", " world", "", "quote \" and \\ backslash",
            "line\nbreak\ttab\r", "control \u0001\u001f and \u007f", "unicode é 漢字 🙂", "</script>", "\u0000 nul",
            "\u2028 separators \u2029", "lone \uD83D high", "lone \uDE42 low", "last half \uD83D");

    @Test
    void everyPieceIsTheEventTheFormatWritesForIt() {
        for (SseFormat format : List.of(new OpenAiSseFormat(), new AnthropicSseFormat())) {
            for (boolean usage : List.of(true, false)) {
                SseFormat.StreamMeta meta = new SseFormat.StreamMeta("chatcmpl-r1", "r1", "claude-3-haiku",
                        1_790_000_000L, 12, usage, List.of());
                DeltaEvents deltas = new DeltaEvents(format, meta);
                for (String text : TEXTS) {
                    assertThat(written(deltas, text)).as("%s %s", format.getClass().getSimpleName(), text)
                            .isEqualTo(format.delta(meta, text));
                }
            }
        }
    }

    @Test
    void aStreamWhoseNamesHoldTheMarkerIsWrittenByItsFormat() {
        SseFormat.StreamMeta meta = new SseFormat.StreamMeta("chatcmpl-\u0000", "\u0000", "model\u0000", 1L, 1, false, List.of());
        DeltaEvents deltas = new DeltaEvents(new OpenAiSseFormat(), meta);
        assertThat(written(deltas, "text \u0000")).isEqualTo(new OpenAiSseFormat().delta(meta, "text \u0000"));
    }

    private static String written(DeltaEvents deltas, String text) {
        return deltas.of(text).toString(StandardCharsets.UTF_8);
    }
}
