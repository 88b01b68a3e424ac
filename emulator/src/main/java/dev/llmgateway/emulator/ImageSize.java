package dev.llmgateway.emulator;

/** An image's dimensions in pixels, as its header states them. */
record ImageSize(int width, int height) {

    int longEdge() {
        return Math.max(width, height);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
