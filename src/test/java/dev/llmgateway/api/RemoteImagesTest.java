package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmgateway.testing.TestGateway;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Images named by an http(s) address: fetched only under an allowed prefix, after the cheap refusals, without
 * following redirects, checked as inline images; every failure a 400 naming the address.
 */
class RemoteImagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger FETCHES = new AtomicInteger();
    private static HttpServer images;
    private static String base;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        images = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] png = png(16, 8);
        images.createContext("/img/ok.png", exchange -> answer(exchange, 200, "image/png", png));
        images.createContext("/img/big.png", exchange -> answer(exchange, 200, "image/png", new byte[4_000_000]));
        images.createContext("/img/text.png", exchange -> answer(exchange, 200, "text/plain", "hello".getBytes()));
        images.createContext("/img/gone.png", exchange -> answer(exchange, 404, "text/plain", new byte[0]));
        images.createContext("/img/moved.png", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/img/ok.png");
            answer(exchange, 302, "text/plain", new byte[0]);
        });
        images.createContext("/private/ok.png", exchange -> answer(exchange, 200, "image/png", png));
        images.start();
        base = "http://127.0.0.1:" + images.getAddress().getPort();
        gateway = TestGateway.start(Map.of(), """
                media:
                  remoteImageUrls: ["%s/img/"]
                """.formatted(base));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        images.stop(0);
    }

    @Test
    void anImageAtAnAllowedAddressIsFetchedAndSeenOnBothApis() throws Exception {
        HttpResponse<String> openAi = openAi("claude-3-5-sonnet", base + "/img/ok.png");
        HttpResponse<String> anthropic = gateway.send(gateway.request("/v1/messages")
                .header("Content-Type", "application/json").header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-5-sonnet", "max_tokens": 100, "messages": [{"role": "user", "content": [
                          {"type": "text", "text": "What is in this picture?"},
                          {"type": "image", "source": {"type": "url", "url": "%s/img/ok.png"}}]}]}"""
                        .formatted(base))));

        assertThat(openAi.statusCode()).as(openAi.body()).isEqualTo(200);
        assertThat(JSON.readTree(openAi.body()).at("/choices/0/message/content").asText()).contains("png, 16x8");
        assertThat(anthropic.statusCode()).as(anthropic.body()).isEqualTo(200);
        assertThat(JSON.readTree(anthropic.body()).at("/content/0/text").asText()).contains("png, 16x8");
    }

    @Test
    void everyOtherAddressOrAnswerIsA400NamingIt() throws Exception {
        assertRefused(openAi("claude-3-5-sonnet", base + "/private/ok.png"), "unsupported_content",
                "media.remoteImageUrls");
        assertRefused(openAi("claude-3-5-sonnet", base + "/img/../private/ok.png"), "unsupported_content",
                "media.remoteImageUrls");
        assertRefused(openAi("claude-3-5-sonnet", base + "/img/moved.png"), "image_fetch_failed", "answered 302");
        assertRefused(openAi("claude-3-5-sonnet", base + "/img/gone.png"), "image_fetch_failed", "answered 404");
        assertRefused(openAi("claude-3-5-sonnet", base + "/img/big.png"), "invalid_value", "larger than Bedrock");
        assertRefused(openAi("claude-3-5-sonnet", base + "/img/text.png"), "unsupported_content", "'text/plain'");
        assertRefused(openAi("claude-3-5-sonnet", "ftp://127.0.0.1/img/ok.png"), "unsupported_content",
                "data: URL (base64) or an http(s) address");
    }

    @Test
    void nothingIsFetchedForARequestTheCheapChecksRefuse() throws Exception {
        int before = FETCHES.get();

        HttpResponse<String> noImages = openAi("claude-3-5-haiku", base + "/img/ok.png");

        assertThat(noImages.statusCode()).as(noImages.body()).isEqualTo(400);
        assertThat(noImages.body()).contains("unsupported_capability");
        assertThat(FETCHES.get()).isEqualTo(before);
    }

    private static HttpResponse<String> openAi(String model, String url) {
        return gateway.post("/v1/chat/completions", """
                {"model": "%s", "max_tokens": 100, "messages": [{"role": "user", "content": [
                  {"type": "text", "text": "What is in this picture?"},
                  {"type": "image_url", "image_url": {"url": "%s"}}]}]}""".formatted(model, url));
    }

    private static void assertRefused(HttpResponse<String> response, String code, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(message);
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        FETCHES.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
