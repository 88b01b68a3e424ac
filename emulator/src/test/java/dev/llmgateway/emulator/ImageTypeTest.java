package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTypeTest {

    @Test
    void knowsEachTypeByItsFirstBytes() {
        assertThat(ImageType.of(MediaSamples.png(2, 2))).contains(ImageType.PNG);
        assertThat(ImageType.of(MediaSamples.jpeg(2, 2))).contains(ImageType.JPEG);
        assertThat(ImageType.of(MediaSamples.gif(2, 2))).contains(ImageType.GIF);
        assertThat(ImageType.of(MediaSamples.webpLossless(2, 2))).contains(ImageType.WEBP);
    }

    @Test
    void aRiffFileOfAnotherFormIsNoWebp() {
        byte[] wave = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII);
        assertThat(ImageType.of(wave)).isEmpty();
        assertThat(ImageType.of(new byte[] {(byte) 0x89, 'P'})).isEmpty();
    }

    @Test
    void mapsConverseFormatsAndAnthropicMediaTypes() {
        assertThat(ImageType.fromFormat("jpeg")).contains(ImageType.JPEG);
        assertThat(ImageType.fromFormat("jpg")).isEmpty();
        assertThat(ImageType.fromMediaType("image/webp")).contains(ImageType.WEBP);
        assertThat(ImageType.fromMediaType("image/bmp")).isEmpty();
    }
}
