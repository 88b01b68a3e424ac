package dev.llmgateway.server;

import dev.llmgateway.config.GatewaySettings;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
 * once Camel has started its server is closed and the same router is served again, on the same port, by Vert.x
 * servers with an idle timeout ({@code server.idleTimeoutSeconds}: no byte moving either way, e.g. a client that
 * stopped reading its stream) and {@link RequestDeadlines} ({@code server.requestReadTimeoutSeconds}). One server
 * per event loop, sharing the port: Vert.x hands each new connection to the next, so connections are spread over
 * all the loops rather than all served by the one that started a single server. Requests its HTTP parser refuses are
 * answered with JSON errors ({@link RouterErrorPages#parserRefusals}).
 */
public final class TimedHttpServer implements AutoCloseable {

    private static final long SERVER_CHANGE_SECONDS = 10;
    private static final int BIND_ATTEMPTS = 50;
    private static final long BIND_RETRY_MS = 100;

    private final Vertx vertx;
    private final String deployment;

    private TimedHttpServer(Vertx vertx, String deployment) {
        this.vertx = vertx;
        this.deployment = deployment;
    }

    /** Replaces the running platform-http server on the settings' port; call once Camel Main has started. */
    public static TimedHttpServer replace(CamelContext camelContext, GatewaySettings.Server settings) throws Exception {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext,
                VertxPlatformHttpRouter.getRouterNameFromPort(settings.port()));
        await(router.getServer().getServer().close());
        Vertx vertx = router.vertx();
        RequestDeadlines deadlines = new RequestDeadlines(vertx, settings.requestReadTimeoutSeconds());
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setIdleTimeout(settings.idleTimeoutSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        // a verticle's instances each get an event loop of their own, in turn
        DeploymentOptions onEveryLoop = new DeploymentOptions().setInstances(eventLoops(vertx));
        for (int attempt = 1; ; attempt++) {
            try {
                String deployment = await(vertx.deployVerticle(() -> new ServerVerticle(options, router, deadlines),
                        onEveryLoop));
                return new TimedHttpServer(vertx, deployment);
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

    private static int eventLoops(Vertx vertx) {
        int loops = 0;
        for (EventExecutor ignored : vertx.nettyEventLoopGroup()) {
            loops++;
        }
        return loops;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(SERVER_CHANGE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        vertx.undeploy(deployment);
    }

    /** One server, on the event loop of the verticle instance that starts it. */
    private static final class ServerVerticle extends AbstractVerticle {

        private final HttpServerOptions options;
        private final VertxPlatformHttpRouter router;
        private final RequestDeadlines deadlines;

        ServerVerticle(HttpServerOptions options, VertxPlatformHttpRouter router, RequestDeadlines deadlines) {
            this.options = options;
            this.router = router;
            this.deadlines = deadlines;
        }

        @Override
        public void start(Promise<Void> started) {
            HttpServer server = vertx.createHttpServer(options);
            server.connectionHandler(deadlines::opened);
            server.invalidRequestHandler(RouterErrorPages.parserRefusals(options));
            server.requestHandler(request -> {
                deadlines.received(request);
                router.handle(request);
            });
            server.listen().<Void>mapEmpty().onComplete(started);
        }
    }
}
