package dev.llmgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a cached answer is cut into deltas for a replayed stream. */
class CachedStreamReplayerTest {

    @Test
    void theTextIsCutIntoDeltasOfAFewWordsThatJoinBackExactly() {
        String text = "Rivers flood in spring when snow melts.\n\nLevees raise the bed over the years. ";

        assertThat(CachedStreamReplayer.deltas(text)).containsExactly("Rivers flood in", " spring when snow",
                " melts.\n\nLevees raise", " the bed over", " the years. ");
    }

    @Test
    void aShortAnswerIsOneDelta() {
        assertThat(CachedStreamReplayer.deltas("Lima.")).containsExactly("Lima.");
    }
}
