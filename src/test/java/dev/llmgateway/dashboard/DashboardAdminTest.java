package dev.llmgateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.llmgateway.testing.Eventually;
import dev.llmgateway.testing.HeadlessChromium;
import dev.llmgateway.testing.ServiceBound;
import dev.llmgateway.testing.TestGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's admin pages in a real headless browser, against a gateway's admin API: a team created and edited in
 * the page is what the API then shows (and the audit trail names who), a new key's secret is shown once and works,
 * rotation and revocation take effect, the API's refusals are shown, and the budget view's figures are the API's.
 */
@ServiceBound
class DashboardAdminTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestGateway gateway;
    private static HeadlessChromium chromium;
    private Page page;
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void gatewayAndBrowser() throws Exception {
        gateway = TestGateway.start(Map.of("LLMGW_LEDGER_FLUSHINTERVALMS", "20"));
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

    private static HttpResponse<String> admin(String method, String path, String body) {
        return gateway.send(HttpRequest.newBuilder(gateway.uri(path))
                .header("Authorization", "Bearer " + TestGateway.ADMIN_TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode team(String team) {
        HttpResponse<String> response = admin("GET", "/admin/teams/" + team, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static HttpResponse<String> withKey(String key, String method, String path, String body) {
        return gateway.send(HttpRequest.newBuilder(gateway.uri(path)).header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    private void signIn(String credential) {
        page.fill("#token", credential);
        page.click("#sign-in");
        page.waitForSelector("body[data-state=ready]");
    }

    /** Opens an admin page and waits until it has read what it shows. */
    private void open(String pageId) {
        page.click("#admin-nav button[data-page=" + pageId + "]");
        page.waitForSelector("#" + pageId + "[data-state=ready]");
    }

    /** Submits a form of a page and waits until the page is done with it, either way. */
    private void submit(String pageId, String button) {
        page.click(button);
        page.waitForSelector("#" + pageId + ":is([data-state=ready], [data-state=error])");
    }

    private String secretShown() {
        return page.isVisible("#key-secret") ? page.textContent("#key-secret-value") : null;
    }

    @Test
    void aTeamCreatedAndEditedInThePageIsWhatTheApiShowsAndTheAuditNamesTheAdmin() {
        signIn(TestGateway.NAMED_ADMIN_TOKEN);
        open("teams-page");
        page.fill("#team-name", "web");
        page.fill("#team-rpm", "30");
        page.fill("#team-budget", "250.5");
        page.fill("#team-feature-budgets", "search=20, chat=7.25");
        page.fill("#team-models", "claude-3-5-haiku, claude-3-haiku");
        page.selectOption("#team-injection", "block");
        page.selectOption("#team-untrusted", "sanitize");
        page.selectOption("#team-pii", "true");
        page.fill("#team-max-output", "900");
        page.fill("#team-thresholds", "50, 90");
        page.fill("#team-guardrail-id", "abc123def456");
        page.fill("#team-guardrail-version", "3");
        page.fill("#team-guardrail-region", "eu-west-1");
        submit("teams-page", "#team-save");

        assertThat(page.getAttribute("#teams-page", "data-state")).isEqualTo("ready");
        assertThat(page.textContent("#teams-table tr[data-team=web]")).contains("web", "30", "250.5");
        JsonNode web = team("web");
        assertThat(web.get("requests_per_minute").asInt()).isEqualTo(30);
        assertThat(web.get("monthly_budget_usd").decimalValue()).isEqualByComparingTo("250.5");
        assertThat(web.get("feature_budgets_usd").get("chat").decimalValue()).isEqualByComparingTo("7.25");
        assertThat(web.get("models").toString()).isEqualTo("[\"claude-3-5-haiku\",\"claude-3-haiku\"]");
        assertThat(web.get("injection_policy").asText()).isEqualTo("block");
        assertThat(web.get("untrusted_policy").asText()).isEqualTo("sanitize");
        assertThat(web.get("pii_redact_upstream").asBoolean()).isTrue();
        assertThat(web.get("max_output_tokens").asInt()).isEqualTo(900);
        assertThat(web.get("tokens_per_minute").isNull()).as("left empty: the default").isTrue();
        assertThat(web.get("budget_alert_thresholds_percent").toString()).isEqualTo("[50,90]");
        assertThat(web.get("guardrail").toString())
                .isEqualTo("{\"identifier\":\"abc123def456\",\"version\":\"3\",\"region\":\"eu-west-1\"}");

        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "dashboard-admin-teams.png")));
        page.click("#teams-table tr[data-team=web] button");
        assertThat(page.inputValue("#team-rpm")).isEqualTo("30");
        assertThat(page.inputValue("#team-guardrail-id")).isEqualTo("abc123def456");
        assertThat(page.inputValue("#team-guardrail-version")).isEqualTo("3");
        assertThat(page.inputValue("#team-guardrail-region")).isEqualTo("eu-west-1");
        page.fill("#team-rpm", "45");
        page.fill("#team-models", "");
        page.fill("#team-guardrail-version", "DRAFT");
        page.fill("#team-guardrail-region", "");
        submit("teams-page", "#team-save");

        JsonNode edited = team("web");
        assertThat(edited.get("requests_per_minute").asInt()).isEqualTo(45);
        assertThat(edited.get("models").isNull()).as("cleared: every model").isTrue();
        assertThat(edited.get("max_output_tokens").asInt()).as("kept").isEqualTo(900);
        assertThat(edited.get("untrusted_policy").asText()).as("kept").isEqualTo("sanitize");
        assertThat(edited.get("guardrail").get("version").asText()).isEqualTo("DRAFT");
        assertThat(edited.get("guardrail").get("region").isNull()).as("cleared: the model's region").isTrue();

        page.fill("#team-guardrail-id", "");
        page.fill("#team-guardrail-version", "");
        submit("teams-page", "#team-save");
        assertThat(team("web").get("guardrail").isNull()).as("all three empty: the configured one").isTrue();
        JsonNode audit = json(admin("GET", "/admin/audit?team=web", null)).get("data");
        assertThat(audit).extracting(entry -> entry.get("action").asText()).containsExactly("team.update",
                "team.update", "team.create");
        assertThat(audit).allSatisfy(entry -> assertThat(entry.get("actor").asText()).isEqualTo("ops-alice"));
        assertThat(audit.get(1).at("/before/requests_per_minute").asInt()).isEqualTo(30);
        assertThat(audit.get(1).at("/after/requests_per_minute").asInt()).isEqualTo(45);
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void theApisRefusalIsShownAndNothingIsCreated() {
        signIn(TestGateway.ADMIN_TOKEN);
        open("teams-page");
        page.fill("#team-name", "typo");
        page.fill("#team-models", "claude-3-5-haikoo");
        submit("teams-page", "#team-save");

        assertThat(page.getAttribute("#teams-page", "data-state")).isEqualTo("error");
        assertThat(page.textContent("#teams-page .message")).startsWith("Could not create the team: ")
                .contains("'claude-3-5-haikoo', which is not configured", "Did you mean 'claude-3-5-haiku'?");
        assertThat(admin("GET", "/admin/teams/typo", null).statusCode()).isEqualTo(404);

        page.fill("#team-rpm", "-3");
        page.fill("#team-models", "");
        submit("teams-page", "#team-save");
        assertThat(page.textContent("#teams-page .message")).contains("requests_per_minute must be at least 1");
        assertThat(admin("GET", "/admin/teams/typo", null).statusCode()).isEqualTo(404);

        page.fill("#team-rpm", "");
        page.fill("#team-guardrail-version", "3");
        submit("teams-page", "#team-save");
        assertThat(page.textContent("#teams-page .message")).isEqualTo("Could not create the team: Guardrail: give "
                + "its id and version (the region is optional), or leave all three empty.");
        page.fill("#team-guardrail-id", "abc123def456");
        page.fill("#team-guardrail-version", "v3");
        submit("teams-page", "#team-save");
        assertThat(page.textContent("#teams-page .message")).contains("version must be a version number (1, 2, ...) "
                + "or DRAFT");
        assertThat(admin("GET", "/admin/teams/typo", null).statusCode()).isEqualTo(404);

        open("keys-page");
        page.fill("#key-team", "no such team!");
        page.fill("#key-name", "svc");
        submit("keys-page", "#key-create");
        assertThat(page.textContent("#keys-page .message")).startsWith("Could not create the key: ")
                .contains("'team' must be");
        assertThat(secretShown()).isNull();
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).allSatisfy(error -> assertThat(error).contains("400"));
    }

    @Test
    void aKeyCreatedInThePageShowsItsSecretOnceAndRotationAndRevocationTakeEffect() {
        assertThat(admin("POST", "/admin/teams", "{\"team\": \"mobile\", \"models\": [\"claude-3-haiku\", "
                + "\"claude-3-5-haiku\"]}").statusCode()).isEqualTo(201);
        signIn(TestGateway.ADMIN_TOKEN);
        open("keys-page");
        page.fill("#key-team", "mobile");
        page.fill("#key-name", "ios-app");
        page.fill("#key-models", "claude-3-haiku");
        page.fill("#key-expires", "2099-01-31T00:00");
        page.fill("#key-rpm", "5");
        submit("keys-page", "#key-create");

        String secret = secretShown();
        assertThat(secret).startsWith("sk-");
        JsonNode listed = json(admin("GET", "/admin/keys?team=mobile", null)).get("data").get(0);
        String id = listed.get("id").asText();
        assertThat(page.textContent("#key-secret-note")).contains(id, "shown only this once");
        assertThat(listed.get("models").toString()).isEqualTo("[\"claude-3-haiku\"]");
        assertThat(listed.get("expires_at").asText()).isEqualTo("2099-01-31T00:00:00Z");
        assertThat(listed.get("requests_per_minute").asInt()).isEqualTo(5);
        HttpResponse<String> models = withKey(secret, "GET", "/v1/models", null);
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(json(models).get("data")).extracting(model -> model.get("id").asText())
                .containsExactly("claude-3-haiku");
        assertThat(page.textContent("#keys-table")).contains(id).doesNotContain(secret);
        assertThat(page.evaluate("() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage)").toString())
                .doesNotContain(secret);

        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "dashboard-admin-keys.png")));
        page.click("#key-secret-done");
        assertThat(page.content()).as("shown once: gone from the page").doesNotContain(secret);

        page.click("#keys-table tr[data-key=" + id + "] button:text('Rotate')");
        page.waitForSelector("#key-secret:not([hidden])");
        String rotated = secretShown();
        assertThat(rotated).startsWith("sk-").isNotEqualTo(secret);
        assertThat(page.textContent("#key-secret-note")).contains("old one works until");
        assertThat(withKey(rotated, "GET", "/v1/models", null).statusCode()).isEqualTo(200);
        assertThat(withKey(secret, "GET", "/v1/models", null).statusCode()).as("within its grace period")
                .isEqualTo(200);

        page.click("#keys-table tr[data-key=" + id + "] button:text('Revoke')");
        page.waitForSelector("#keys-table tr[data-key=" + id + "] td:text-matches('^revoked ')");
        assertThat(secretShown()).isNull();
        HttpResponse<String> refused = withKey(rotated, "GET", "/v1/models", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("revoked_api_key");
        assertThat(page.isVisible("#keys-table tr[data-key=" + id + "] button")).as("nothing left to do").isFalse();
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }

    private static String createdKey(String body) {
        HttpResponse<String> created = admin("POST", "/admin/keys", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    private static JsonNode key(String id) {
        for (JsonNode key : json(admin("GET", "/admin/keys", null)).get("data")) {
            if (key.get("id").asText().equals(id)) {
                return key;
            }
        }
        throw new AssertionError("no key " + id);
    }

    private static List<String> auditActionsOn(String team, String target) {
        List<String> actions = new java.util.ArrayList<>();
        json(admin("GET", "/admin/audit?team=" + team, null)).get("data").forEach(entry -> {
            if (entry.get("target").asText().equals(target)) {
                actions.add(entry.get("action").asText());
            }
        });
        return actions;
    }

    @Test
    void aKeyIsEditedInThePageFilteredByTeamAndASaveThatChangesNothingIsNotAudited() {
        assertThat(admin("POST", "/admin/teams", "{\"team\": \"tablet\", \"models\": [\"claude-3-haiku\", "
                + "\"claude-3-5-haiku\"]}").statusCode()).isEqualTo(201);
        String id = createdKey("{\"team\": \"tablet\", \"name\": \"android\", \"models\": [\"claude-3-haiku\"], "
                + "\"expires_at\": \"2099-01-31T10:20:30.123Z\", \"requests_per_minute\": 7}");
        String other = createdKey("{\"team\": \"kiosk\", \"name\": \"lobby\"}");
        signIn(TestGateway.NAMED_ADMIN_TOKEN);
        open("keys-page");
        assertThat(page.isVisible("#keys-table tr[data-key=" + other + "]")).isTrue();

        page.selectOption("#keys-team-filter", "tablet");
        assertThat(page.locator("#keys-table tbody tr").count()).isEqualTo(
                json(admin("GET", "/admin/keys?team=tablet", null)).get("data").size());
        assertThat(page.isVisible("#keys-table tr[data-key=" + other + "]")).as("another team's key").isFalse();

        page.click("#keys-table tr[data-key=" + id + "] button:text('Edit')");
        assertThat(page.inputValue("#key-models")).isEqualTo("claude-3-haiku");
        assertThat(page.inputValue("#key-rpm")).isEqualTo("7");
        assertThat(page.getAttribute("#key-team", "readonly")).isNotNull();
        page.fill("#key-models", "claude-3-5-haiku");
        page.fill("#key-rpm", "");
        page.fill("#key-tpm", "5000");
        submit("keys-page", "#key-create");

        assertThat(page.getAttribute("#keys-page", "data-state")).isEqualTo("ready");
        JsonNode edited = key(id);
        assertThat(edited.get("models").toString()).isEqualTo("[\"claude-3-5-haiku\"]");
        assertThat(edited.get("requests_per_minute").isNull()).as("emptied: cleared").isTrue();
        assertThat(edited.get("tokens_per_minute").asInt()).isEqualTo(5000);
        assertThat(edited.get("expires_at").asText()).as("left as shown: kept to the millisecond")
                .isEqualTo("2099-01-31T10:20:30.123Z");
        assertThat(page.textContent("#keys-table tr[data-key=" + id + "]")).contains("claude-3-5-haiku", "5000");
        assertThat(page.inputValue("#keys-team-filter")).as("the filter stays").isEqualTo("tablet");

        submit("keys-page", "#key-create");
        assertThat(auditActionsOn("tablet", id)).as("saved again unchanged: no entry")
                .containsExactly("key.update", "key.create");

        page.fill("#key-models", "claude-3-5-haikoo");
        submit("keys-page", "#key-create");
        assertThat(page.getAttribute("#keys-page", "data-state")).isEqualTo("error");
        assertThat(page.textContent("#keys-page .message")).startsWith("Could not change the key " + id + ": ")
                .contains("'claude-3-5-haikoo', which is not configured");
        assertThat(key(id).get("models").toString()).isEqualTo("[\"claude-3-5-haiku\"]");

        page.fill("#key-models", "");
        page.fill("#key-expires", "");
        submit("keys-page", "#key-create");
        assertThat(key(id).get("expires_at").isNull()).as("emptied: never expires").isTrue();
        assertThat(key(id).get("models").isNull()).as("emptied: the team's").isTrue();
        assertThat(json(admin("GET", "/admin/audit?team=tablet", null)).at("/data/0/actor").asText())
                .isEqualTo(TestGateway.NAMED_ADMIN);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "dashboard-admin-key-edit.png")));
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).allSatisfy(error -> assertThat(error).contains("400"));
    }

    @Test
    void aTeamIsDeletedFromThePageOnlyAfterAConfirmationNamingItAndItsActiveKeys() {
        assertThat(admin("POST", "/admin/teams", "{\"team\": \"legacy\"}").statusCode()).isEqualTo(201);
        String first = createdKey("{\"team\": \"legacy\", \"name\": \"one\"}");
        String second = createdKey("{\"team\": \"legacy\", \"name\": \"two\"}");
        String gone = createdKey("{\"team\": \"legacy\", \"name\": \"gone\"}");
        assertThat(admin("DELETE", "/admin/keys/" + gone, null).statusCode()).isEqualTo(200);
        signIn(TestGateway.ADMIN_TOKEN);
        open("teams-page");

        page.click("#teams-table tr[data-team=legacy] button:text('Delete')");
        page.waitForSelector("#team-delete:not([hidden])");
        assertThat(page.textContent("#team-delete-note")).startsWith("Delete team legacy? Its 2 active keys will be "
                + "revoked: ").contains(first, second).doesNotContain(gone);
        assertThat(page.textContent("#team-delete-confirm")).isEqualTo("Delete team legacy");
        page.click("#team-delete-cancel");
        assertThat(page.isVisible("#team-delete")).isFalse();
        assertThat(admin("GET", "/admin/teams/legacy", null).statusCode()).as("cancelled: kept").isEqualTo(200);

        page.click("#teams-table tr[data-team=legacy] button:text('Delete')");
        page.waitForSelector("#team-delete:not([hidden])");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "dashboard-admin-team-delete.png")));
        submit("teams-page", "#team-delete-confirm");

        assertThat(page.getAttribute("#teams-page", "data-state")).isEqualTo("ready");
        assertThat(page.isVisible("#teams-table tr[data-team=legacy]")).isFalse();
        assertThat(admin("GET", "/admin/teams/legacy", null).statusCode()).isEqualTo(404);
        assertThat(key(first).get("revoked_at").isTextual()).isTrue();
        assertThat(key(second).get("revoked_at").isTextual()).isTrue();
        assertThat(auditActionsOn("legacy", "legacy")).first().isEqualTo("team.delete");
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void theBudgetViewShowsTheApisFiguresAndAStatedProjection() {
        assertThat(admin("POST", "/admin/teams", "{\"team\": \"search\", \"monthly_budget_usd\": 0.5, "
                + "\"feature_budgets_usd\": {\"ranking\": 0.01}}").statusCode()).isEqualTo(201);
        String key = json(admin("POST", "/admin/keys", "{\"team\": \"search\", \"name\": \"svc\", "
                + "\"feature\": \"ranking\"}")).get("key").asText();
        for (int call = 0; call < 2; call++) {
            HttpResponse<String> answer = withKey(key, "POST", "/v1/chat/completions", """
                    {"model": "claude-3-haiku", "max_tokens": 40, "messages": [{"role": "user",
                     "content": "Write about the bridges of the old harbour town."}]}""");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        JsonNode spend = Eventually.get(() -> team("search"), t -> t.at("/spend/spent_usd").doubleValue() > 0
                && t.at("/spend/reserved_usd").doubleValue() == 0 && t.at("/feature_spend/ranking/spent_usd")
                .doubleValue() == t.at("/spend/spent_usd").doubleValue());

        signIn(TestGateway.ADMIN_TOKEN);
        open("budgets-page");

        double share = Double.parseDouble(page.getAttribute("#budgets-note", "data-elapsed-share"));
        assertThat(share).isBetween(0.0, 1.0);
        assertThat(page.textContent("#budgets-note")).contains("Month " + spend.at("/spend/month").asText(),
                "Projected month end = spent so far ÷ the share of the month gone by");
        assertRow("#budgets-table tr.team[data-team=search]", spend.get("spend"), share);
        assertRow("#budgets-table tr.feature[data-team=search][data-feature=ranking]",
                spend.at("/feature_spend/ranking"), share);
        assertThat(page.textContent("#budgets-table")).contains("search / ranking");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "dashboard-admin-budgets.png")));
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }

    /** The row's budget, spent, reserved and left are the API's; its projection is spent over the month's share. */
    private void assertRow(String row, JsonNode spend, double share) {
        Locator cells = page.locator(row + " td.amount");
        assertThat(cells.count()).isEqualTo(5);
        List<String> figures = List.of("budget_usd", "spent_usd", "reserved_usd", "left_usd");
        for (int i = 0; i < figures.size(); i++) {
            String shown = cells.nth(i).getAttribute("data-usd");
            assertThat(Double.parseDouble(shown)).as(figures.get(i))
                    .isEqualTo(spend.get(figures.get(i)).doubleValue());
            assertThat(cells.nth(i).textContent()).startsWith("$");
        }
        double projected = Double.parseDouble(cells.nth(4).getAttribute("data-usd"));
        assertThat(projected).isCloseTo(spend.get("spent_usd").doubleValue() / share,
                offset(1e-9));
    }

    @Test
    void anApiKeyGetsNoAdminPages() {
        signIn(TestGateway.API_KEY);

        assertThat(page.isVisible("#admin-nav")).isFalse();
        assertThat(page.isVisible("#teams-page")).isFalse();
        assertThat(pageErrors).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }
}
