package dev.llmgateway.server;

import dev.llmgateway.auth.ApiKeySecrets;
import dev.llmgateway.chat.Json;
import dev.llmgateway.metrics.MetricsSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.Main;

/**
 * The Prometheus scrape endpoint: Camel Main's management server with metrics on (camel-micrometer-prometheus
 * serves the registry bound as {@code metricsRegistry} at {@value #PATH}). When the management port is the API's,
 * Camel shares the API's HTTP server; otherwise it starts a second one. An optional bearer token guards the path.
 */
public final class MetricsEndpoint {

    public static final String PATH = "/observe/metrics";
    private static final String BEARER = "Bearer ";

    private MetricsEndpoint() {
    }

    /** Sets Camel Main's properties for the metrics endpoint; call before Main starts. */
    public static void configure(Main main, String apiHost, int apiPort, MetricsSettings settings) {
        main.addInitialProperty("camel.metrics.enabled", "true");
        main.addInitialProperty("camel.metrics.path", PATH);
        main.addInitialProperty("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,processor,uptime");
        // Its meter mixes exchanges with and without a route id, which Prometheus refuses; our own counters cover calls.
        main.addInitialProperty("camel.metrics.enableExchangeEventNotifier", "false");
        main.addInitialProperty("camel.management.enabled", "true");
        main.addInitialProperty("camel.management.metricsEnabled", "true");
        main.addInitialProperty("camel.management.port", Integer.toString(port(apiPort, settings)));
        main.addInitialProperty("camel.management.host", settings.host().isBlank() ? apiHost : settings.host());
    }

    /** The port /observe/metrics is served on. */
    public static int port(int apiPort, MetricsSettings settings) {
        return settings.port() == null ? apiPort : settings.port();
    }

    /** Puts the token check in front of the path when a token is configured; call once Main has started. */
    public static void protect(CamelContext camelContext, int apiPort, MetricsSettings settings) {
        if (!settings.tokenRequired()) {
            return;
        }
        String tokenHash = ApiKeySecrets.hashOfConfigured(settings.token());
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext,
                VertxPlatformHttpRouter.getRouterNameFromPort(port(apiPort, settings)));
        router.route(PATH).order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (presents(ctx, tokenHash)) {
                ctx.next();
            } else {
                ctx.response().setStatusCode(401)
                        .putHeader("WWW-Authenticate", "Bearer")
                        .putHeader("Content-Type", "application/json")
                        .end(Buffer.buffer(Json.bytes(Map.of("error", Map.of("type", "authentication_error",
                                "code", "invalid_metrics_token",
                                "message", "The metrics endpoint needs its token as 'Authorization: Bearer <token>'.")))));
            }
        });
    }

    private static boolean presents(RoutingContext ctx, String tokenHash) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return ApiKeySecrets.sameHash(ApiKeySecrets.hash(authorization.substring(BEARER.length()).trim()), tokenHash);
    }
}
