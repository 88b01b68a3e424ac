package dev.llmgateway.dashboard;

import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.TextResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Serves a fixed set of files from the classpath, read once at start, by the name in the {@code asset} path
 * parameter (the index when there is none). Any other name is a 404: nothing else on the classpath is reachable.
 */
public class StaticAssets implements Processor {

    /**
     * @param resource    where the file is on the classpath
     * @param contentType its media type
     * @param headers     headers sent with it (caching, content security policy)
     */
    public record Asset(String resource, String contentType, Map<String, String> headers) {
    }

    private final String index;
    private final Map<String, Asset> assets;
    private final Map<String, byte[]> bodies = new HashMap<>();

    /** @param index the name served when the path names no asset */
    public StaticAssets(String index, Map<String, Asset> assets) {
        this.index = index;
        this.assets = Map.copyOf(assets);
        this.assets.forEach((name, asset) -> bodies.put(name, read(asset.resource())));
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; rebuild the jar.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
        }
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getMessage().getHeader("asset", index, String.class);
        Asset asset = assets.get(name);
        if (asset == null) {
            throw new GatewayException(404, "invalid_request_error", "not_found", "There is no file '" + name
                    + "' here.");
        }
        TextResponses.write(exchange, 200, asset.contentType(), bodies.get(name), asset.headers());
    }
}
