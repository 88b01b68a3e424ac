package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.PrometheusText;
import dev.llmgateway.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Metrics on their own port, behind a token, without team and feature labels. */
class MetricsAccessTest {

    private static final String TOKEN = "scrape-token-0001";
    private static TestGateway gateway;
    private static int metricsPort;

    @BeforeAll
    static void start() throws Exception {
        metricsPort = TestGateway.freePort();
        gateway = TestGateway.start(Map.of(
                "LLMGW_OBSERVABILITY_METRICS_PORT", Integer.toString(metricsPort),
                "LLMGW_OBSERVABILITY_METRICS_HOST", "127.0.0.1",
                "LLMGW_OBSERVABILITY_METRICS_TOKEN", TOKEN,
                "LLMGW_OBSERVABILITY_METRICS_TEAMLABELS", "false"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> scrape(String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/observe/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return gateway.send(request.GET());
    }

    @Test
    void theApiPortDoesNotServeMetrics() {
        assertThat(gateway.send(HttpRequest.newBuilder(gateway.uri("/observe/metrics")).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void aScrapeNeedsTheToken() {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("Bearer not-the-token").statusCode()).isEqualTo(401);
        assertThat(scrape("Bearer " + TestGateway.API_KEY).statusCode()).as("an API key is not the token").isEqualTo(401);
        assertThat(scrape("Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void withTeamLabelsOffNoSeriesNamesATeamOrFeature() {
        assertThat(gateway.send(gateway.request("/v1/chat/completions").header("X-Feature", "reports")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-haiku", "messages": [{"role": "user", "content": "Tell me about bridges."}]}""")))
                .statusCode()).isEqualTo(200);

        PrometheusText metrics = Eventually.get(() -> PrometheusText.parse(scrape("Bearer " + TOKEN).body()),
                m -> m.sum("llmgateway_requests_total", Map.of("model", "claude-3-haiku")) == 1);
        assertThat(metrics.sum("llmgateway_requests_total", Map.of("model", "claude-3-haiku", "outcome", "ok"))).isEqualTo(1);
        assertThat(metrics.samples("llmgateway_requests_total", Map.of())).isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels()).doesNotContainKeys("team", "feature"));
        assertThat(metrics.samples("llmgateway_guard_injection_total", Map.of())).isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("team"));
    }
}
