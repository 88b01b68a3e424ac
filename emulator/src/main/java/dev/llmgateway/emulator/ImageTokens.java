package dev.llmgateway.emulator;

/**
 * What an image costs in input tokens, by Anthropic's documented rule: an image whose long edge is over
 * {@value #MAX_LONG_EDGE} px is scaled down to it, and one that would then still cost over {@value #MAX_TOKENS}
 * tokens further until it is within, aspect ratio kept (scaled sides rounded down); it then costs
 * ceil(width * height / {@value #PIXELS_PER_TOKEN}) tokens.
 */
final class ImageTokens {
    static final int MAX_LONG_EDGE = 1568;
    static final int MAX_TOKENS = 1600;
    static final int PIXELS_PER_TOKEN = 750;
    private static final long MAX_PIXELS = (long) MAX_TOKENS * PIXELS_PER_TOKEN;

    private ImageTokens() {
    }

    static int of(ImageSize size) {
        ImageSize scaled = scaled(size);
        long pixels = (long) scaled.width() * scaled.height();
        return (int) ((pixels + PIXELS_PER_TOKEN - 1) / PIXELS_PER_TOKEN);
    }

    /** The size the model sees the image at. */
    static ImageSize scaled(ImageSize size) {
        ImageSize fitted = size;
        if (size.longEdge() > MAX_LONG_EDGE) {
            int longEdge = size.longEdge();
            fitted = new ImageSize(shrunk(size.width(), MAX_LONG_EDGE, longEdge), shrunk(size.height(), MAX_LONG_EDGE, longEdge));
        }
        long pixels = (long) fitted.width() * fitted.height();
        if (pixels > MAX_PIXELS) {
            double scale = Math.sqrt((double) MAX_PIXELS / pixels);
            fitted = new ImageSize(Math.max(1, (int) (fitted.width() * scale)), Math.max(1, (int) (fitted.height() * scale)));
        }
        return fitted;
    }

    /** The side scaled by {@code to / from}, rounded down, never below one pixel. */
    private static int shrunk(int side, int to, int from) {
        return (int) Math.max(1, (long) side * to / from);
    }
}
