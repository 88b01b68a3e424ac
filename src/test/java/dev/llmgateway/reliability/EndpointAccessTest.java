package dev.llmgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.MetricsEndpoint;
import dev.llmgateway.testing.TestGateway;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint the gateway's HTTP server routes, read from its router (so a new route is covered without touching
 * this test), refuses callers without a credential, except the documented public ones; admin endpoints refuse API keys;
 * the metrics endpoint wants its own token when one is set.
 */
class EndpointAccessTest {

    /** Public by design (README, API): probes, and the dashboard's static files, which hold no data. */
    private static final Set<String> PUBLIC = Set.of("/health/live", "/health/ready", "/dashboard", "/dashboard/:asset");
    private static final String METRICS_TOKEN = "metrics-token-access-test";
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_OBSERVABILITY_METRICS_TOKEN", METRICS_TOKEN));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** @return each routed path with the methods it serves (GET where a route takes any) */
    private static Map<String, Set<HttpMethod>> endpoints() {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(gateway.camelContext(),
                VertxPlatformHttpRouter.getRouterNameFromPort(gateway.application().port()));
        Map<String, Set<HttpMethod>> endpoints = new TreeMap<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() != null) {
                endpoints.computeIfAbsent(route.getPath(), p -> new TreeSet<>((a, b) -> a.name().compareTo(b.name())))
                        .addAll(route.methods() == null ? Set.of(HttpMethod.GET) : route.methods());
            }
        }
        return endpoints;
    }

    private static HttpResponse<String> call(HttpMethod method, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path.replaceAll(":[A-Za-z]+", "x")))
                .header("Content-Type", "application/json")
                .method(method.name(), HttpRequest.BodyPublishers.ofString(
                        method == HttpMethod.GET || method == HttpMethod.DELETE ? "" : "{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return gateway.send(request);
    }

    @Test
    void theEnumerationFindsTheApi() {
        assertThat(endpoints()).containsKeys("/v1/chat/completions", "/v1/messages", "/v1/responses",
                "/v1/responses/:id", "/v1/models", "/v1/usage",
                "/admin/keys", "/admin/keys/:id", MetricsEndpoint.PATH);
    }

    @Test
    void everyEndpointButThePublicOnesRefusesCallersWithoutAValidKey() {
        endpoints().forEach((path, methods) -> methods.forEach(method -> {
            String endpoint = method + " " + path;
            if (PUBLIC.contains(path)) {
                assertThat(call(method, path, null).statusCode()).as(endpoint).isLessThan(500);
                return;
            }
            assertThat(call(method, path, null).statusCode()).as(endpoint + " without a credential").isEqualTo(401);
            assertThat(call(method, path, "Bearer sk-llmgw-not-a-key").statusCode()).as(endpoint + " with a wrong key")
                    .isEqualTo(401);
        }));
    }

    @Test
    void adminEndpointsRefuseAnApiKeyAndTakeTheAdminToken() {
        endpoints().forEach((path, methods) -> methods.stream().filter(m -> path.startsWith("/admin/")).forEach(method -> {
            assertThat(call(method, path, "Bearer " + TestGateway.API_KEY).statusCode())
                    .as(method + " " + path + " with an API key").isEqualTo(401);
            assertThat(call(method, path, "Bearer " + TestGateway.ADMIN_TOKEN).statusCode())
                    .as(method + " " + path + " with the admin token").isNotIn(401, 403);
        }));
    }

    @Test
    void metricsTakeTheirTokenAndNotAnApiKey() {
        assertThat(call(HttpMethod.GET, MetricsEndpoint.PATH, "Bearer " + TestGateway.API_KEY).statusCode()).isEqualTo(401);
        assertThat(call(HttpMethod.GET, MetricsEndpoint.PATH, "Bearer " + METRICS_TOKEN).statusCode()).isEqualTo(200);
    }
}
