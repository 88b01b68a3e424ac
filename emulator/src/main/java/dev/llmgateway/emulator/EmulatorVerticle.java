package dev.llmgateway.emulator;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.atomic.LongAdder;

/**
 * One HTTP server instance on one event loop. Several instances listening on the same port share it,
 * Vert.x spreading connections between their event loops. Cleartext HTTP/2 (h2c with prior
 * knowledge, or upgrade) is served next to HTTP/1.1.
 */
final class EmulatorVerticle extends AbstractVerticle {
    static final String HOST = "127.0.0.1";

    private final RegionRegistry regions;
    private final GuardrailRegistry guardrails;
    private final int port;
    private final LongAdder connectionsOpened;
    private HttpServer server;

    EmulatorVerticle(RegionRegistry regions, GuardrailRegistry guardrails, int port, LongAdder connectionsOpened) {
        this.regions = regions;
        this.guardrails = guardrails;
        this.port = port;
        this.connectionsOpened = connectionsOpened;
    }

    @Override
    public void start(Promise<Void> started) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(HOST)
                .setPort(port)
                .setHttp2ClearTextEnabled(true)
                .setHandle100ContinueAutomatically(true);
        EmulatorRequestHandler handler = new EmulatorRequestHandler(new BedrockRuntimeApi(vertx, regions, guardrails),
                new AdminApi(regions, guardrails));
        server = vertx.createHttpServer(options).requestHandler(handler)
                .connectionHandler(connection -> connectionsOpened.increment());
        server.listen().<Void>mapEmpty().onComplete(started);
    }

    int actualPort() {
        return server.actualPort();
    }
}
