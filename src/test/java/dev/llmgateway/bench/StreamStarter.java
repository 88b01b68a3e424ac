package dev.llmgateway.bench;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Opens one token stream of {@code outputTokens} tokens; the result's first byte is timed from {@code scheduledNanos}. */
interface StreamStarter {

    CompletableFuture<StreamResult> start(long scheduledNanos);

    /**
     * Reads one streamed response body as its pieces arrive, in a path's own format, and tallies what it found: when
     * the first event came, the text chunks, and whether the stream ended cleanly.
     */
    abstract class BodyReader {

        private final long scheduledNanos;
        private long firstByte = -1;
        private int chunks;
        private boolean endedCleanly;

        protected BodyReader(long scheduledNanos) {
            this.scheduledNanos = scheduledNanos;
        }

        abstract void accept(Buffer piece);

        /** An event arrived; the first one times the stream's first byte. */
        final void event() {
            if (firstByte < 0) {
                firstByte = System.nanoTime() - scheduledNanos;
            }
        }

        final void textChunk() {
            chunks++;
        }

        final void endedCleanly() {
            endedCleanly = true;
        }

        final StreamResult end(int status) {
            return new StreamResult(firstByte, chunks, status == 200 && endedCleanly);
        }
    }

    /**
     * POSTs a JSON body that may stream for minutes and hands the response body to {@code reader} as it arrives.
     * Every path reads with this one client: Vert.x's HTTP/1.1 client on one event loop, like the OpenAI and Anthropic
     * SDKs on HTTP/1.1 (a client speaking h2c would meet Vert.x's limit of 100 streams per connection). The JDK's
     * HTTP client took a whole core to read 10,000 chunks a second, a core the servers measured here share.
     * <p>
     * The request is made on the client's event loop, so the body handler is set in the same turn as the response
     * head arrives: Vert.x drops a chunk that comes before its handler, and made from the caller's thread about one
     * stream in a thousand lost its first event that way and timed its first byte at the next token.
     */
    static CompletableFuture<StreamResult> post(URI uri, String authorization, Buffer body, BodyReader reader) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Authorization", authorization)
                        .add("Content-Type", "application/json"))
                .setIdleTimeout(TimeUnit.MINUTES.toMillis(5));
        CompletableFuture<StreamResult> result = new CompletableFuture<>();
        Client.EVENT_LOOP.runOnContext(onLoop -> Client.HTTP.request(options)
                .compose(request -> request.send(body))
                .compose(response -> {
                    response.handler(reader::accept);
                    return response.end().map(ended -> reader.end(response.statusCode()));
                })
                .onSuccess(result::complete)
                .onFailure(result::completeExceptionally));
        return result;
    }

    /** The one client, made when the first stream starts; {@link #close()} ends its thread. */
    final class Client {

        private static final Vertx VERTX = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        private static final HttpClient HTTP = VERTX.createHttpClient(new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_1_1).setConnectTimeout((int) TimeUnit.SECONDS.toMillis(30)),
                new PoolOptions().setHttp1MaxSize(10_000).setMaxWaitQueueSize(-1));
        private static final Context EVENT_LOOP = VERTX.getOrCreateContext();

        private Client() {
        }

        static void close() {
            VERTX.close();
        }
    }
}
