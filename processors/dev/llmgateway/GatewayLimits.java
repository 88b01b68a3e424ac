package dev.llmgateway;

import dev.llmgateway.budget.AlertDeliveries;
import dev.llmgateway.budget.AlertWebhook;
import dev.llmgateway.budget.BudgetAlertSettings;
import dev.llmgateway.budget.BudgetAlerts;
import dev.llmgateway.budget.BudgetReservationProcessor;
import dev.llmgateway.budget.BudgetStore;
import dev.llmgateway.budget.ExpiredReservationSweeper;
import dev.llmgateway.budget.WorstCaseCost;
import dev.llmgateway.config.GatewaySettings;
import dev.llmgateway.cost.PriceTable;
import dev.llmgateway.limits.ConcurrencyLimiter;
import dev.llmgateway.limits.LimitPolicy;
import dev.llmgateway.limits.LocalBucketStore;
import dev.llmgateway.limits.LocalConcurrencyLimiter;
import dev.llmgateway.limits.PostgresBucketStore;
import dev.llmgateway.limits.RateLimitProcessor;
import dev.llmgateway.limits.RateLimiter;
import dev.llmgateway.limits.ReservationSettler;
import dev.llmgateway.limits.SharedConcurrencyLimiter;
import dev.llmgateway.store.Database;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Rate limits and budgets for the storage mode: in this process with embedded storage, in PostgreSQL (shared by
 * every instance) otherwise; budgets always in the database. Closes what it started, before the database closes.
 */
final class GatewayLimits implements AutoCloseable {

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /** Beyond the longest a call may take, before a lease or reservation it never gave back counts as abandoned. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private final RateLimitProcessor rateLimits;
    private final BudgetReservationProcessor budgetReservation;
    private final ReservationSettler settler;
    private final ExpiredReservationSweeper sweeper;
    private final BudgetStore budgets;
    private final LimitPolicy policy;
    private final BudgetAlerts alerts;
    private final AlertWebhook webhook;

    /** @param teams the teams as they are at the moment of a call */
    GatewayLimits(GatewaySettings settings, Database database, PriceTable prices, GatewayTeams teams) {
        this.policy = new LimitPolicy(settings.limits(), teams::limits);
        Duration holdAtMost = Duration.ofMillis(settings.upstream().timeoutMs() + settings.failover().deadlineMs())
                .plus(ABANDONED_AFTER);
        Clock clock = Clock.systemUTC();
        RateLimiter limiter;
        ConcurrencyLimiter concurrency;
        if (database.isShared()) {
            limiter = new RateLimiter(new PostgresBucketStore(database.dataSource()));
            concurrency = new SharedConcurrencyLimiter(database.dataSource(), clock, holdAtMost);
        } else {
            limiter = new RateLimiter(new LocalBucketStore());
            concurrency = new LocalConcurrencyLimiter();
        }
        this.budgets = new BudgetStore(database.dataSource(), clock, holdAtMost);
        this.rateLimits = new RateLimitProcessor(policy, limiter, concurrency);
        BudgetAlertSettings alertSettings = settings.limits().budgetAlerts();
        this.alerts = new BudgetAlerts(budgets, team -> teams.alertThresholds(team, alertSettings.thresholdsPercent()));
        this.webhook = alertSettings.webhookUrl().isEmpty() ? null
                : new AlertWebhook(URI.create(alertSettings.webhookUrl()), alertSettings.webhookAttempts(),
                        new AlertDeliveries(database.dataSource()), clock);
        if (webhook != null) {
            alerts.addListener(webhook);
        }
        this.budgetReservation = new BudgetReservationProcessor(policy, budgets, new WorstCaseCost(prices), alerts);
        this.settler = new ReservationSettler(prices);
        // A team may get a budget at run time, so the sweep always runs (one indexed query a minute).
        this.sweeper = new ExpiredReservationSweeper(budgets, SWEEP_EVERY);
    }

    RateLimitProcessor rateLimits() {
        return rateLimits;
    }

    BudgetReservationProcessor budgetReservation() {
        return budgetReservation;
    }

    /** Where budget alerts go: add a listener to be told of each. */
    BudgetAlerts alerts() {
        return alerts;
    }

    LimitPolicy policy() {
        return policy;
    }

    BudgetStore budgets() {
        return budgets;
    }

    ReservationSettler settler() {
        return settler;
    }

    @Override
    public void close() {
        sweeper.close();
        if (webhook != null) {
            webhook.close();
        }
        settler.close();
    }
}
