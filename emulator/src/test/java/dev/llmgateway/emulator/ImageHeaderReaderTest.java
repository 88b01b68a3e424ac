package dev.llmgateway.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Dimensions from the headers of small images built here, each format and WebP variant, and what a cut header gives. */
class ImageHeaderReaderTest {

    @Test
    void readsPngFromItsIhdrChunkAlone() {
        byte[] png = MediaSamples.png(640, 480);

        assertThat(ImageHeaderReader.read(ImageType.PNG, png)).contains(new ImageSize(640, 480));
        assertThat(ImageHeaderReader.read(ImageType.PNG, Arrays.copyOf(png, 24))).contains(new ImageSize(640, 480));
        assertThat(ImageHeaderReader.read(ImageType.PNG, Arrays.copyOf(png, 23))).isEmpty();
    }

    @Test
    void readsJpegFromTheFrameHeaderAfterTheSegmentsBeforeIt() {
        byte[] jpeg = MediaSamples.jpeg(33, 17);

        assertThat(ImageHeaderReader.read(ImageType.JPEG, jpeg)).contains(new ImageSize(33, 17));
    }

    @Test
    void readsAProgressiveJpegFrameAfterFillBytesAndAnAppSegment() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8,
                (byte) 0xFF, (byte) 0xE1, 0x00, 0x04, 0x12, 0x34,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xC2, 0x00, 0x11, 0x08, 0x01, (byte) 0xE0, 0x02, (byte) 0x80};

        assertThat(ImageHeaderReader.read(ImageType.JPEG, jpeg)).contains(new ImageSize(640, 480));
    }

    @Test
    void aJpegWhoseScanStartsBeforeAnyFrameHeaderHasNoSize() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC4, 0x00, 0x02, (byte) 0xFF, (byte) 0xDA, 0x00, 0x02};

        assertThat(ImageHeaderReader.read(ImageType.JPEG, jpeg)).isEmpty();
    }

    @Test
    void readsGifFromItsLogicalScreen() {
        assertThat(ImageHeaderReader.read(ImageType.GIF, MediaSamples.gif(7, 5))).contains(new ImageSize(7, 5));
        byte[] header = {'G', 'I', 'F', '8', '9', 'a', 0x40, 0x1F, 0x01, 0x00};
        assertThat(ImageHeaderReader.read(ImageType.GIF, header)).contains(new ImageSize(8000, 1));
    }

    @Test
    void readsEachWebpVariant() {
        assertThat(ImageHeaderReader.read(ImageType.WEBP, MediaSamples.webpLossy(320, 200))).contains(new ImageSize(320, 200));
        assertThat(ImageHeaderReader.read(ImageType.WEBP, MediaSamples.webpLossless(16383, 3))).contains(new ImageSize(16383, 3));
        assertThat(ImageHeaderReader.read(ImageType.WEBP, MediaSamples.webpExtended(9000, 70000))).contains(new ImageSize(9000, 70000));
    }

    @Test
    void aCutOrForeignHeaderHasNoSize() {
        assertThat(ImageHeaderReader.read(ImageType.WEBP, Arrays.copyOf(MediaSamples.webpLossy(320, 200), 28))).isEmpty();
        assertThat(ImageHeaderReader.read(ImageType.GIF, Arrays.copyOf(MediaSamples.gif(7, 5), 9))).isEmpty();
        assertThat(ImageHeaderReader.read(ImageType.JPEG, MediaSamples.png(4, 4))).isEmpty();
    }
}
