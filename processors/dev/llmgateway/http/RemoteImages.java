package dev.llmgateway.http;

import dev.llmgateway.chat.ChatMessage;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Fetches the images a request names by address, after the cheap refusals (limits, budget) and before anything reads
 * the images: only from addresses under a prefix {@code media.remoteImageUrls} allows (none by default), without
 * following redirects, within a timeout and Bedrock's size, checked like an inline image. Any failure is a 400 naming
 * the address, as the caller chose it.
 */
public class RemoteImages implements Processor {

    private final List<String> allowed;
    private final Duration timeout;
    private final HttpClient client;

    public RemoteImages(RemoteImagesSettings settings) {
        this.allowed = settings.remoteImageUrls();
        this.timeout = Duration.ofMillis(settings.fetchTimeoutMs());
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .build();
    }

    @Override
    public void process(Exchange exchange) throws InterruptedException {
        GatewayCall call = GatewayCall.of(exchange);
        ChatRequest request = call.request();
        if (!request.carries(ContentBlock.ImageLink.class)) {
            return;
        }
        List<ChatMessage> messages = new ArrayList<>(request.messages().size());
        for (ChatMessage message : request.messages()) {
            List<ContentBlock> blocks = new ArrayList<>(message.blocks().size());
            for (ContentBlock block : message.blocks()) {
                blocks.add(block instanceof ContentBlock.ImageLink link ? fetch(link.url()) : block);
            }
            messages.add(new ChatMessage(message.role(), blocks));
        }
        call.setRequest(request.withMessages(messages));
    }

    private ContentBlock.Image fetch(String url) throws InterruptedException {
        URI uri = URI.create(url).normalize();
        String normalized = uri.toString();
        if (allowed.stream().noneMatch(normalized::startsWith)) {
            throw GatewayException.invalidRequest("unsupported_content", "The image at " + url + " cannot be "
                    + "fetched: the gateway fetches images only from the addresses media.remoteImageUrls allows ("
                    + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + "). Send the image inline as a "
                    + "data: URL (base64).");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unfetched(url, "it could not be read (" + e.getClass().getSimpleName() + ")");
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw unfetched(url, "its server answered " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MediaBlocks.MAX_IMAGE_BYTES + 1);
            String type = response.headers().firstValue("Content-Type").orElse("").split(";", 2)[0].strip()
                    .toLowerCase(Locale.ROOT);
            return MediaBlocks.image(type, bytes, "the image at " + url);
        } catch (IOException e) {
            throw unfetched(url, "it could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static GatewayException unfetched(String url, String why) {
        return GatewayException.invalidRequest("image_fetch_failed", "The image at " + url + " cannot be fetched: "
                + why + ". Check the address, or send the image inline as a data: URL (base64).");
    }
}
