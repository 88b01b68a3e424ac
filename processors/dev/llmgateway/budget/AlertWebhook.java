package dev.llmgateway.budget;

import dev.llmgateway.chat.Json;
import dev.llmgateway.record.TimeOrderedIds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each budget alert as JSON to a configured URL, never on a call's path. An alert is first stored as a pending
 * delivery ({@link AlertDeliveries}); this instance's sender thread sends it at once and, every second, whatever is
 * due that no instance holds. A failure (no connection, a timeout, an answer other than 2xx) is retried after 1 s,
 * 2 s, 4 s, ... (at most a minute apart) by whichever instance claims it first, also after a restart, until the
 * attempts are used up, then logged. A delivery is claimed for longer than an attempt can take, so two instances
 * never send it at once; only an instance that stops between a 2xx and removing the row makes it send twice.
 */
public final class AlertWebhook implements BudgetAlertListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLAIM = TIMEOUT.multipliedBy(3);
    private static final long POLL_EVERY_MS = 1000;
    private static final int BATCH = 20;
    private static final long FIRST_RETRY_MS = 1000;
    private static final long LONGEST_WAIT_MS = 60_000;

    private final URI url;
    private final int attempts;
    private final AlertDeliveries deliveries;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledExecutorService sender;

    public AlertWebhook(URI url, int attempts, AlertDeliveries deliveries, Clock clock) {
        this.url = url;
        this.attempts = attempts;
        this.deliveries = deliveries;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.sender = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "budget-alert-webhook");
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleWithFixedDelay(this::sendDue, 0, POLL_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void raised(BudgetAlert alert) {
        try {
            deliveries.add(TimeOrderedIds.uuid(), Json.bytes(body(alert)), clock.instant());
        } catch (RuntimeException e) {
            LOG.error("Budget alert for {} at {}% not delivered to {}: it could not be stored for delivery ({}).",
                    alert.describe(), alert.thresholdPercent(), url, e.toString());
            return;
        }
        try {
            sender.execute(this::sendDue);
        } catch (RejectedExecutionException stopping) {
            LOG.info("Budget alert for {} at {}% stored; this instance is stopping, so the next one to run sends it.",
                    alert.describe(), alert.thresholdPercent());
        }
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

    /** Sends every delivery due now that this instance can claim; runs on the sender thread only. */
    private void sendDue() {
        try {
            Instant now = clock.instant();
            for (AlertDeliveries.Pending pending : deliveries.due(now, BATCH)) {
                if (deliveries.claim(pending.id(), now, now.plus(CLAIM))) {
                    attempt(pending);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Budget alert deliveries could not be read ({}); trying again in {} ms.", e.toString(),
                    POLL_EVERY_MS);
        }
    }

    private void attempt(AlertDeliveries.Pending pending) {
        int attempt = pending.attempts() + 1;
        String why;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(pending.body())).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                deliveries.remove(pending.id());
                return;
            }
            why = "HTTP " + response.statusCode();
        } catch (IOException e) {
            why = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= attempts) {
            LOG.error("Budget alert {} not delivered to {} after {} attempts: {}",
                    new String(pending.body(), StandardCharsets.UTF_8), url, attempts, why);
            deliveries.remove(pending.id());
            return;
        }
        long wait = Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS << Math.min(attempt - 1, 16));
        LOG.warn("Budget alert {}: attempt {} of {} to {} failed ({}); retrying in {} ms.",
                new String(pending.body(), StandardCharsets.UTF_8), attempt, attempts, url, why, wait);
        deliveries.retryAt(pending.id(), attempt, clock.instant().plusMillis(wait));
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
