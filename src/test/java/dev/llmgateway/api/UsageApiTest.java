package dev.llmgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.report.UsageCommand;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /v1/usage over calls really made through the gateway by two teams. */
class UsageApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<CallRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static TestGateway gateway;
    private static String searchKey;
    private static String billingKey;

    @BeforeAll
    static void callsByTwoTeams() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_LEDGER_FLUSHINTERVALMS", "20"));
        gateway.application().callRecorder().addListener(RECORDS::add);
        searchKey = createKey("search");
        billingKey = createKey("billing");
        chat(searchKey, "ranking", "claude-3-haiku", "Rank these bridges by length.");
        chat(searchKey, "autocomplete", "claude-3-5-sonnet", "Complete: the tunnel opened in");
        chat(billingKey, "invoices", "claude-3-haiku", "Summarize the invoice terms.");
        HttpResponse<String> refused = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + billingKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"claude-3-haiku\", \"messages\": []}")));
        assertThat(refused.statusCode()).isEqualTo(400);
        Eventually.until("the ledger holds the 4 calls", () -> totals(admin("/v1/usage")).path("requests").asLong() == 4);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String createKey(String team) throws Exception {
        HttpResponse<String> created = gateway.send(HttpRequest.newBuilder(gateway.uri("/admin/keys"))
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"team\": \"" + team + "\", \"name\": \"svc\"}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("key").asText();
    }

    private static void chat(String key, String feature, String model, String prompt) {
        HttpResponse<String> response = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("X-Feature", feature)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "%s", "messages": [{"role": "user", "content": "%s"}]}""".formatted(model, prompt))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> admin(String path) {
        return as(TestGateway.ADMIN_TOKEN, path);
    }

    private static HttpResponse<String> as(String credential, String path) {
        return gateway.send(HttpRequest.newBuilder(gateway.uri(path)).header("Authorization", "Bearer " + credential)
                .GET());
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static JsonNode totals(HttpResponse<String> response) {
        return json(response).get("totals");
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    @Test
    void theAdminSeesEveryTeamWithTotalsMatchingTheCallRecords() {
        JsonNode report = json(admin("/v1/usage?group_by=team"));

        JsonNode totals = report.get("totals");
        assertThat(totals.get("input_tokens").asLong())
                .isEqualTo(RECORDS.stream().mapToLong(CallRecord::inputTokens).sum()).isPositive();
        assertThat(totals.get("output_tokens").asLong())
                .isEqualTo(RECORDS.stream().mapToLong(CallRecord::outputTokens).sum());
        assertThat(totals.get("cost_usd").decimalValue()).isPositive().isEqualByComparingTo(
                RECORDS.stream().map(CallRecord::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(totals.get("errors").asLong()).isEqualTo(1);
        assertThat(report.get("team").isNull()).isTrue();
        assertThat(report.get("data")).hasSize(2);
        assertThat(report.at("/data/0/team").asText()).isEqualTo("billing");
        assertThat(report.at("/data/0/requests").asLong()).isEqualTo(2);
        assertThat(report.at("/data/0/errors").asLong()).isEqualTo(1);
        assertThat(report.at("/data/1/team").asText()).isEqualTo("search");
        assertThat(report.at("/data/1/requests").asLong()).isEqualTo(2);
    }

    @Test
    void groupsByTeamFeatureModelAndDay() {
        JsonNode report = json(admin("/v1/usage?from=" + today() + "&group_by=team,feature,model,day"));

        assertThat(report.get("group_by")).extracting(JsonNode::asText)
                .containsExactly("team", "feature", "model", "day");
        assertThat(report.get("data")).extracting(row -> String.join("|", row.get("team").asText(),
                row.get("feature").asText(), row.get("model").asText(), row.get("day").asText()))
                .containsExactly("billing|default|null|" + today(), "billing|invoices|claude-3-haiku|" + today(),
                        "search|autocomplete|claude-3-5-sonnet|" + today(),
                        "search|ranking|claude-3-haiku|" + today());
    }

    @Test
    void theReportComesAsCsvWhenAskedEitherWay() {
        HttpResponse<String> byParameter = admin("/v1/usage?group_by=team&format=csv");
        HttpResponse<String> byAccept = gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/usage?group_by=team"))
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN).header("Accept", "text/csv").GET());

        for (HttpResponse<String> response : List.of(byParameter, byAccept)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
            assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("attachment; filename=\"usage-"));
            String[] lines = response.body().split("\r\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[0]).isEqualTo("team,requests,input_tokens,output_tokens,cache_read_tokens,"
                    + "cache_write_tokens,cost_usd,cache_hits,saved_cost_usd,errors,throttles");
            assertThat(lines[1]).startsWith("billing,2,");
            assertThat(lines[2]).startsWith("search,2,");
        }
        assertThat(byParameter.body()).isEqualTo(byAccept.body());
    }

    @Test
    void anApiKeySeesOnlyItsOwnTeam() throws Exception {
        JsonNode own = json(as(searchKey, "/v1/usage?group_by=team,feature"));
        JsonNode viaXApiKey = json(gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/usage?group_by=team"))
                .header("x-api-key", billingKey).GET()));
        HttpResponse<String> otherTeam = as(searchKey, "/v1/usage?team=billing");

        assertThat(own.get("team").asText()).isEqualTo("search");
        assertThat(own.get("data")).extracting(row -> row.get("team").asText()).containsOnly("search");
        assertThat(own.at("/totals/requests").asLong()).isEqualTo(2);
        assertThat(viaXApiKey.get("data")).extracting(row -> row.get("team").asText()).containsExactly("billing");
        assertThat(otherTeam.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(otherTeam.body()).at("/error/message").asText())
                .contains("belongs to team 'search'");
    }

    @Test
    void theAdminCanFilterByTeamAndFeature() {
        JsonNode billing = json(admin("/v1/usage?team=billing"));
        JsonNode ranking = json(admin("/v1/usage?feature=ranking&group_by=feature"));

        assertThat(billing.at("/totals/requests").asLong()).isEqualTo(2);
        assertThat(ranking.get("data")).extracting(row -> row.get("feature").asText()).containsExactly("ranking");
        assertThat(ranking.at("/totals/requests").asLong()).isEqualTo(1);
    }

    @Test
    void aPeriodWithoutCallsHasZeroTotals() {
        JsonNode report = json(admin("/v1/usage?from=2030-01-01&to=2030-02-01&group_by=day"));

        assertThat(report.get("from").asText()).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(report.get("data")).isEmpty();
        assertThat(report.at("/totals/requests").asLong()).isZero();
        assertThat(report.at("/totals/cost_usd").decimalValue()).isZero();
    }

    @Test
    void badParametersAre400sNamingTheParameter() throws Exception {
        Map<String, String> cases = Map.of(
                "/v1/usage?from=2026-13-01", "'from' must be a UTC date",
                "/v1/usage?to=soon", "'to' must be a UTC date",
                "/v1/usage?from=2026-11-05&to=2026-11-01", "'from' (2026-11-05T00:00:00Z) must be before 'to'",
                "/v1/usage?group_by=team,colour", "'colour' is not one of them",
                "/v1/usage?format=xml", "'format' must be json or csv",
                "/v1/usage?team=a%20b", "'team' must be",
                "/v1/usage?colour=blue", "Unknown parameter 'colour'",
                "/v1/usage?team=a&team=b", "'team' is given more than once");
        for (var badCase : cases.entrySet()) {
            HttpResponse<String> response = admin(badCase.getKey());
            assertThat(response.statusCode()).as(badCase.getKey()).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("invalid_parameter");
            assertThat(error.get("message").asText()).as(badCase.getKey()).contains(badCase.getValue());
        }
    }

    @Test
    void aBrokenQueryStringIsA400() throws Exception {
        try (Socket socket = new Socket(gateway.uri("/").getHost(), gateway.uri("/").getPort())) {
            socket.getOutputStream().write(("GET /v1/usage?feature=%ZZ HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestGateway.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"bad_request\"");
        }
    }

    @Test
    void withoutAValidCredentialItIs401() {
        assertThat(gateway.send(HttpRequest.newBuilder(gateway.uri("/v1/usage")).GET()).statusCode()).isEqualTo(401);
        assertThat(as("not-a-key-or-token", "/v1/usage").statusCode()).isEqualTo(401);
    }

    @Test
    void theReportCommandReadsTheSameLedgerWhileTheGatewayRuns() {
        StringWriter out = new StringWriter();
        int status = UsageCommand.run(new String[] {"--group-by", "team", "--format", "csv"},
                Map.of("LLMGW_STORAGE_DATADIR", gateway.dataDir().toString()), Clock.systemUTC(),
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        assertThat(status).isZero();
        assertThat(out.toString()).isEqualTo(admin("/v1/usage?group_by=team&format=csv").body());
    }

    @Test
    void usageCallsAreNotCallsOfTheLedger() {
        admin("/v1/usage");

        assertThat(RECORDS).extracting(CallRecord::route).doesNotContain("usage-report");
    }
}
