package dev.llmgateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import dev.llmgateway.emulator.BedrockError;
import dev.llmgateway.emulator.RegionBehaviour;
import dev.llmgateway.store.Jdbc;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.HeadlessChromium;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real headless browser (Debian's chromium, driven by Playwright) over calls made through the
 * gateway by two teams: it signs in, draws every chart from the usage API, and shows no JavaScript error.
 */
@ServiceBound
class DashboardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CHARTS = List.of("cost-by-team", "cost-by-feature", "tokens", "cache", "regions");
    /** Share of a chart's pixels in a saturated colour (bars, lines) above which it drew data, not just axes. */
    private static final double DRAWN = 0.05;
    private static final String CHART_DATA = """
            ids => Object.fromEntries(ids.map(id => {
              const chart = Chart.getChart(document.getElementById(id));
              return [id, {labels: chart.data.labels.map(String), datasets: chart.data.datasets.map(d => ({
                label: d.label, sum: d.data.reduce((a, b) => a + b, 0)}))}];
            }))""";

    private static TestGateway gateway;
    private static HeadlessChromium chromium;
    private static String searchKey;
    private static String idleKey;
    private Page page;
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void callsByTwoTeamsAndABrowser() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_LEDGER_FLUSHINTERVALMS", "20",
                "LLMGW_FAILOVER_DEADLINEMS", "4000", "LLMGW_FAILOVER_BACKOFFBASEMS", "20",
                "LLMGW_FAILOVER_BACKOFFMAXMS", "40"));
        searchKey = createKey("search");
        String billingKey = createKey("billing");
        idleKey = createKey("idle");
        chat(searchKey, "ranking", false, 200);
        chat(searchKey, "ranking", false, 200);
        chat(searchKey, "autocomplete", true, 200);
        chat(billingKey, "invoices", false, 200);
        gateway.emulator().configureRegion("us-east-1", RegionBehaviour.builder().streamBreakAfterDeltas(2).build());
        chat(billingKey, "invoices", true, 200);
        RegionBehaviour throttling = RegionBehaviour.builder().failureRate(BedrockError.THROTTLING, 1.0).build();
        gateway.emulator().configureRegion("us-east-1", throttling);
        gateway.emulator().configureRegion("us-west-2", throttling);
        chat(billingKey, "invoices", false, 429);
        gateway.emulator().resetRegions();
        Eventually.until("the ledger holds the 6 calls", () -> requestsInLedger() == 6);
        recordCacheHits();

        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        gateway.close();
    }

    @BeforeEach
    void openPage() {
        page = chromium.newPage(pageErrors, consoleErrors);
        page.navigate(gateway.uri("/dashboard").toString());
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    private static String createKey(String team) throws IOException {
        HttpResponse<String> created = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/keys"))
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"team\": \"" + team + "\", \"name\": \"svc\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asText();
    }

    private static void chat(String key, String feature, boolean stream, int status) {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("X-Feature", feature)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "claude-3-haiku", "stream": %s, "max_tokens": 60, "messages": [{"role": "user",
                         "content": "Write about the bridges, tunnels and ferries of the old harbour town."}]}"""
                        .formatted(stream))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private static long requestsInLedger() {
        return new Jdbc(gateway.application().database().dataSource(), "test")
                .query("SELECT COUNT(*) FROM call_ledger", row -> row.getLong(1)).get(0);
    }

    /** The gateway's own cache is not built yet; these rows are what its hits will leave in the ledger. */
    private static void recordCacheHits() {
        Jdbc jdbc = new Jdbc(gateway.application().database().dataSource(), "test");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < 2; i++) {
            jdbc.update("INSERT INTO call_ledger (entry_id, request_id, received_at, received_day, route, team, "
                    + "feature, model_alias, streamed, input_tokens, output_tokens, cache_read_tokens, "
                    + "cache_write_tokens, cost_usd, cache_hit, saved_cost_usd, latency_ms, time_to_first_token_ms, "
                    + "status, outcome) VALUES (?, ?, ?, ?, 'chat-completions', 'search', 'ranking', "
                    + "'claude-3-haiku', FALSE, 0, 0, 0, 0, 0, 'semantic', ?, 3, 3, 200, 'ok')",
                    UUID.randomUUID().toString(), "cache-hit-" + i, now, now.toLocalDate(), new BigDecimal("0.0004"));
        }
    }

    private void signIn(String credential) {
        page.fill("#token", credential);
        page.click("#sign-in");
        page.waitForSelector("body[data-state=ready]");
    }

    private void showToday() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        page.fill("#from", today);
        page.fill("#to", today);
        page.click("#show");
        page.waitForSelector("body[data-state=ready]");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> chartData() {
        return (Map<String, Map<String, Object>>) page.evaluate(CHART_DATA, CHARTS);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> sums(Map<String, Object> chart) {
        Map<String, Double> sums = new HashMap<>();
        for (Map<String, Object> dataset : (List<Map<String, Object>>) chart.get("datasets")) {
            sums.put((String) dataset.get("label"), ((Number) dataset.get("sum")).doubleValue());
        }
        return sums;
    }

    /** @return for each chart, the share of its canvas's pixels in the screenshot that are in a saturated colour */
    private Map<String, Double> colouredShares(String screenshotName) throws IOException {
        Path file = Path.of("target", screenshotName);
        Files.createDirectories(file.getParent());
        byte[] png = page.screenshot(new Page.ScreenshotOptions().setPath(file));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        Map<String, Double> shares = new HashMap<>();
        for (String chart : CHARTS) {
            BoundingBox box = page.locator("#" + chart).boundingBox();
            long coloured = 0;
            long all = 0;
            for (int y = (int) box.y; y < (int) (box.y + box.height); y++) {
                for (int x = (int) box.x; x < (int) (box.x + box.width); x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    coloured += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80 ? 1 : 0;
                    all++;
                }
            }
            shares.put(chart, (double) coloured / all);
        }
        return shares;
    }

    @Test
    void theAdminSeesEveryChartDrawnFromBothTeamsCalls() throws Exception {
        signIn(TestGateway.ADMIN_TOKEN);
        assertThat(page.textContent("#who")).isEqualTo("All teams");
        assertThat(page.textContent("#total-requests")).isEqualTo("8");
        showToday();

        Map<String, Map<String, Object>> charts = chartData();
        assertThat(sums(charts.get("cost-by-team"))).containsOnlyKeys("billing", "search")
                .allSatisfy((team, cost) -> assertThat(cost).isPositive());
        assertThat(sums(charts.get("cost-by-feature"))).containsOnlyKeys("autocomplete", "invoices", "ranking");
        assertThat(sums(charts.get("tokens")).get("Input tokens")).isPositive();
        assertThat(sums(charts.get("tokens")).get("Output tokens")).isPositive();
        assertThat(sums(charts.get("cache")).get("Cache hit rate (%)")).isEqualTo(25.0);
        assertThat(sums(charts.get("cache")).get("Cost saved (USD)")).isEqualTo(0.0008);
        assertThat(charts.get("regions").get("labels")).isEqualTo(List.of("us-east-1", "us-west-2", "(no region)"));
        assertThat(sums(charts.get("regions"))).allSatisfy((rate, sum) -> assertThat(sum).isPositive());

        Map<String, Double> shares = colouredShares("dashboard-admin.png");
        assertThat(shares).allSatisfy(
                (chart, share) -> assertThat(share).as(chart + " of " + shares).isGreaterThan(DRAWN));
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void anApiKeySeesItsOwnTeamOnly() {
        signIn(searchKey);
        showToday();

        assertThat(page.textContent("#who")).isEqualTo("Team search");
        assertThat(page.textContent("#total-requests")).isEqualTo("5");
        assertThat(sums(chartData().get("cost-by-team"))).containsOnlyKeys("search");
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aTeamWithoutCallsSeesEmptyCharts() throws Exception {
        signIn(idleKey);
        showToday();

        assertThat(page.textContent("#total-requests")).isEqualTo("0");
        Map<String, Double> shares = colouredShares("dashboard-idle-team.png");
        assertThat(shares).allSatisfy(
                (chart, share) -> assertThat(share).as(chart + " of " + shares).isLessThan(DRAWN));
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aWrongCredentialIsRefusedAndForgotten() {
        page.fill("#token", "sk-llmgw-not-a-key");
        page.click("#sign-in");
        page.waitForSelector("#message:not([hidden])");

        assertThat(page.textContent("#message")).contains("not valid");
        assertThat(page.getAttribute("body", "data-state")).isEqualTo("signed-out");
        assertThat(page.isVisible("#login")).isTrue();
        assertThat(page.evaluate("() => sessionStorage.length")).isEqualTo(0);
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).allSatisfy(error -> assertThat(error).contains("401"));
    }

    @Test
    void theCredentialStaysForTheTabAndSigningOutForgetsIt() {
        signIn(TestGateway.ADMIN_TOKEN);
        page.reload();
        page.waitForSelector("body[data-state=ready]");

        page.click("#sign-out");

        assertThat(page.isVisible("#login")).isTrue();
        assertThat(page.evaluate("() => sessionStorage.length")).isEqualTo(0);
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }
}
