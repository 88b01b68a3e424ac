package dev.llmgateway.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alert when a budget's spend crosses one of its team's thresholds (percent of the budget), once per
 * budget, threshold and month: the first instance whose claim row goes into the database raises it, the others
 * see the row and do not. Checked after a call's cost is settled, on the settler's threads, never on the request
 * path. An alert is a log line and whatever the listeners do (a metric, a webhook).
 */
public final class BudgetAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetAlerts.class);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BudgetStore store;
    private final Function<String, List<Integer>> thresholds;
    private final List<BudgetAlertListener> listeners = new CopyOnWriteArrayList<>();
    /** Thresholds this instance knows to be raised (by it or another), so it does not ask the database again. */
    private final Set<String> raised = ConcurrentHashMap.newKeySet();

    /** @param thresholds a team's alert thresholds in percent, ascending */
    public BudgetAlerts(BudgetStore store, Function<String, List<Integer>> thresholds) {
        this.store = store;
        this.thresholds = thresholds;
    }

    public void addListener(BudgetAlertListener listener) {
        listeners.add(listener);
    }

    /** Checks the budgets a settled reservation counted against. */
    void check(BudgetStore.Reservation reservation) {
        for (BudgetScope scope : reservation.scopes()) {
            List<Integer> teamThresholds = thresholds.apply(scope.team());
            if (scope.limitUsd() == null || scope.limitUsd().signum() <= 0 || teamThresholds.isEmpty()) {
                continue;
            }
            BigDecimal spent = store.spending(scope, reservation.month()).map(BudgetStore.Spending::spentUsd)
                    .orElse(BigDecimal.ZERO);
            BigDecimal percent = spent.multiply(HUNDRED).divide(scope.limitUsd(), 6, RoundingMode.DOWN);
            for (int threshold : teamThresholds) {
                String key = scope.team() + "/" + scope.featureKey() + "/" + reservation.month() + "/" + threshold;
                if (percent.compareTo(BigDecimal.valueOf(threshold)) < 0 || raised.contains(key)) {
                    continue;
                }
                if (store.claimAlert(scope, reservation.month(), threshold)) {
                    raise(new BudgetAlert(scope.team(), scope.feature(), reservation.month(), threshold,
                            scope.limitUsd(), spent, Instant.now()));
                }
                raised.add(key);
            }
        }
    }

    private void raise(BudgetAlert alert) {
        LOG.warn("Budget alert: {} has spent {} of its monthly budget of {} in {}, {}% or more.", alert.describe(),
                Dollars.format(alert.spentUsd()), Dollars.format(alert.budgetUsd()), alert.month(),
                alert.thresholdPercent());
        for (BudgetAlertListener listener : listeners) {
            try {
                listener.raised(alert);
            } catch (RuntimeException e) {
                LOG.error("A budget alert listener failed: {}", e.toString());
            }
        }
    }
}
