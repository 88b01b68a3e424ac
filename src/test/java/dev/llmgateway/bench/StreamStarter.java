package dev.llmgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Opens one token stream of {@code outputTokens} tokens; the result's first byte is timed from {@code scheduledNanos}. */
interface StreamStarter {

    CompletableFuture<StreamResult> start(long scheduledNanos);

    /**
     * The client every stream path reads with: HTTP/1.1 like the OpenAI and Anthropic SDKs (the JDK client would
     * otherwise upgrade to h2c, where Vert.x allows only 100 concurrent streams per connection).
     */
    static HttpClient http1Client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** A POST of a JSON body that may stream for minutes; the caller adds its credentials and builds it. */
    static HttpRequest.Builder jsonPost(URI uri, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
