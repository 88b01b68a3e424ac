package dev.llmgateway.bench;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The call of the overhead benchmark's images scenario: a question about a PNG image of 256 by 256 pixels (about
 * 1,600 tokens to the token limits, 90 KB of base64), straight to the emulator (Converse, an image block) and through
 * the gateway (OpenAI API, an image_url part with a data: URL).
 */
final class ImageRequests {

    static final String SCENARIO = "images";

    private static final String QUESTION = "What does this picture show?";
    private static final String PNG_BASE64 = Base64.getEncoder().encodeToString(png());

    private ImageRequests() {
    }

    static OverheadBenchmark.Path direct(URI emulator, Map<String, String> headers, String modelId, long pid) {
        String body = """
                {"messages": [{"role": "user", "content": [{"text": "%s"},
                  {"image": {"format": "png", "source": {"bytes": "%s"}}}]}], "inferenceConfig": {"maxTokens": 60}}"""
                .formatted(QUESTION, PNG_BASE64);
        return new OverheadBenchmark.Path("direct to emulator, image", ToolRoundTrips.converse(emulator, modelId),
                headers, i -> body, pid);
    }

    static OverheadBenchmark.Path throughGateway(URI gateway, String key, long pid) {
        String body = """
                {"model": "claude-3-haiku", "max_tokens": 60, "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "%s"},
                  {"type": "image_url", "image_url": {"url": "data:image/png;base64,%s"}}]}]}"""
                .formatted(QUESTION, PNG_BASE64);
        return new OverheadBenchmark.Path("camel-llm-gateway, image", gateway.resolve("/v1/chat/completions"),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + key), i -> body, pid);
    }

    /** A picture with detail in every row, so PNG cannot shrink it to nothing. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                image.setRGB(x, y, (x * 7 + y * 13) % 256 << 16 | (x ^ y) << 8 | (x * y) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
