package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageTokensTest {

    @Test
    void aSmallImageCostsItsPixelsOver750RoundedUp() {
        assertThat(ImageTokens.of(new ImageSize(640, 480))).isEqualTo(410);
        assertThat(ImageTokens.of(new ImageSize(200, 200))).isEqualTo(54);
        assertThat(ImageTokens.of(new ImageSize(1, 1))).isEqualTo(1);
    }

    @Test
    void aLongEdgeOver1568IsScaledDownToIt() {
        assertThat(ImageTokens.scaled(new ImageSize(3136, 200))).isEqualTo(new ImageSize(1568, 100));
        assertThat(ImageTokens.of(new ImageSize(3136, 200))).isEqualTo(210);
        assertThat(ImageTokens.scaled(new ImageSize(1568, 100))).isEqualTo(new ImageSize(1568, 100));
    }

    @Test
    void anImageOverAbout1600TokensIsScaledDownUntilItIsWithin() {
        assertThat(ImageTokens.scaled(new ImageSize(3000, 2000))).isEqualTo(new ImageSize(1341, 894));
        assertThat(ImageTokens.of(new ImageSize(3000, 2000))).isEqualTo(1599);
        assertThat(ImageTokens.of(new ImageSize(1092, 1092))).isEqualTo(1590);
        assertThat(ImageTokens.of(new ImageSize(8000, 8000))).isLessThanOrEqualTo(ImageTokens.MAX_TOKENS);
    }

    @Test
    void aThinImageKeepsAtLeastOnePixelOnItsShortSide() {
        assertThat(ImageTokens.scaled(new ImageSize(8000, 1))).isEqualTo(new ImageSize(1568, 1));
    }
}
