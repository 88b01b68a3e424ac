package dev.llmgateway.server;

import dev.llmgateway.config.GatewaySettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.BindException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The API's HTTP server with time limits. Camel's platform-http server (Vert.x) has none and no setting for them, so
 * once Camel has started its server is closed and the same router is served again, on the same port, by a Vert.x
 * server with an idle timeout ({@code server.idleTimeoutSeconds}: no byte moving either way, e.g. a client that
 * stopped reading its stream) and {@link RequestDeadlines} ({@code server.requestReadTimeoutSeconds}).
 */
public final class TimedHttpServer implements AutoCloseable {

    private static final long SERVER_CHANGE_SECONDS = 10;
    private static final int BIND_ATTEMPTS = 50;
    private static final long BIND_RETRY_MS = 100;

    private final HttpServer server;

    private TimedHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Replaces the running platform-http server on the settings' port; call once Camel Main has started. */
    public static TimedHttpServer replace(CamelContext camelContext, GatewaySettings.Server settings) throws Exception {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext,
                VertxPlatformHttpRouter.getRouterNameFromPort(settings.port()));
        await(router.getServer().getServer().close());
        Vertx vertx = router.vertx();
        RequestDeadlines deadlines = new RequestDeadlines(vertx, settings.requestReadTimeoutSeconds());
        for (int attempt = 1; ; attempt++) {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                    .setHost(settings.host())
                    .setPort(settings.port())
                    .setIdleTimeout(settings.idleTimeoutSeconds())
                    .setIdleTimeoutUnit(TimeUnit.SECONDS));
            server.connectionHandler(deadlines::opened);
            server.requestHandler(request -> {
                deadlines.received(request);
                router.handle(request);
            });
            try {
                await(server.listen());
                return new TimedHttpServer(server);
            } catch (ExecutionException e) {
                // the closed server's port can take a moment to be released
                if (!(e.getCause() instanceof BindException) || attempt == BIND_ATTEMPTS) {
                    throw new IllegalStateException("The gateway could not listen on " + settings.host() + ":"
                            + settings.port() + " (" + e.getCause().getMessage() + "); is another process using it?",
                            e.getCause());
                }
                Thread.sleep(BIND_RETRY_MS);
            }
        }
    }

    private static void await(Future<?> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(SERVER_CHANGE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.close();
    }
}
