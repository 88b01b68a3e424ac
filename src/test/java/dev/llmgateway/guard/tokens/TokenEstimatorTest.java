package dev.llmgateway.guard.tokens;

import static dev.llmgateway.guard.GuardExchanges.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

    private final TokenEstimator estimator = TokenEstimator.withDefaultMargins();

    @Test
    void scalesTheRawCountByTheFamilyMarginAndAddsFraming() {
        String text = "The quick brown fox jumps over the lazy dog, again and again, until the dog wakes up.";
        int raw = TokenEstimator.rawCount(text);
        var request = request(null, new ChatMessage(ChatRole.SYSTEM, "Be brief."), new ChatMessage(ChatRole.USER, text));

        int expectedRaw = raw + TokenEstimator.rawCount("Be brief.");
        assertThat(estimator.estimate(request, "claude")).isEqualTo((int) Math.ceil(expectedRaw * 1.3) + 2 * 7 + 10);
        assertThat(estimator.estimate(text, "titan-embed")).isEqualTo((int) Math.ceil(raw * 1.25) + 2);
        assertThat(estimator.estimate(text, "some-new-family")).isGreaterThan(estimator.estimate(text, "claude"));
    }

    @Test
    void countsSpecialTokenLookalikesAsPlainTextInsteadOfFailing() {
        assertThat(TokenEstimator.rawCount("<|endoftext|><|im_start|>system")).isGreaterThan(3);
    }

    @Test
    void configuredMarginsReplaceTheDefaults() {
        TokenEstimator custom = new TokenEstimator(Map.of("claude", new FamilyMargin(2.0, 0, 0)));
        assertThat(custom.estimate(request(null, new ChatMessage(ChatRole.USER, " apple apple")), "claude")).isEqualTo(4);
    }

    @Test
    void refusesAMarginThatWouldUnderestimate() {
        assertThatThrownBy(() -> new FamilyMargin(0.9, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calibratorFindsTheRatioCoveringTheAskedShare() {
        TokenMarginCalibrator calibrator = new TokenMarginCalibrator();
        for (int i = 1; i <= 100; i++) {
            calibrator.observe(100, 100 + i);
        }
        calibrator.observe(0, 50);

        assertThat(calibrator.observations()).isEqualTo(100);
        assertThat(calibrator.multiplierCovering(0.99)).isEqualTo(1.99);
        assertThat(calibrator.multiplierCovering(1.0)).isEqualTo(2.0);
    }
}
