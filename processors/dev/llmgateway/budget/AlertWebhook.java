package dev.llmgateway.budget;

import dev.llmgateway.chat.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each budget alert as JSON to a configured URL, asynchronously: a failure (no connection, a timeout, an answer
 * other than 2xx) is retried after 1 s, 2 s, 4 s, ... (at most a minute apart) until the attempts are used up, then
 * logged. Nothing here runs on a call's path.
 */
public final class AlertWebhook implements BudgetAlertListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long FIRST_RETRY_MS = 1000;
    private static final long LONGEST_WAIT_MS = 60_000;

    private final URI url;
    private final int attempts;
    private final HttpClient http;
    private final ScheduledExecutorService retries;

    public AlertWebhook(URI url, int attempts) {
        this.url = url;
        this.attempts = attempts;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "budget-alert-webhook");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void raised(BudgetAlert alert) {
        send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body(alert)))).build(), alert, 1);
    }

    static Map<String, Object> body(BudgetAlert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "budget_alert");
        body.put("team", alert.team());
        body.put("feature", alert.feature());
        body.put("month", alert.month());
        body.put("threshold_percent", alert.thresholdPercent());
        body.put("budget_usd", alert.budgetUsd());
        body.put("spent_usd", alert.spentUsd());
        body.put("raised_at", alert.raisedAt().toString());
        return body;
    }

    private void send(HttpRequest request, BudgetAlert alert, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() / 100 == 2) {
                return;
            }
            String why = failure != null ? failure.toString() : "HTTP " + response.statusCode();
            if (attempt >= attempts) {
                LOG.error("Budget alert for {} at {}% not delivered to {} after {} attempts: {}", alert.describe(),
                        alert.thresholdPercent(), url, attempts, why);
                return;
            }
            long wait = Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS << Math.min(attempt - 1, 16));
            LOG.warn("Budget alert for {} at {}%: attempt {} of {} to {} failed ({}); retrying in {} ms.",
                    alert.describe(), alert.thresholdPercent(), attempt, attempts, url, why, wait);
            try {
                retries.schedule(() -> send(request, alert, attempt + 1), wait, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.error("Budget alert for {} at {}% not delivered: the gateway is stopping.", alert.describe(),
                        alert.thresholdPercent());
            }
        });
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
