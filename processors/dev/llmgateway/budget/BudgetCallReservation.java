package dev.llmgateway.budget;

import dev.llmgateway.chat.CallReservation;
import dev.llmgateway.chat.CallUsage;

/** A call's budget reservation, settled to what the call cost (an aborted stream: what it used before it ended). */
final class BudgetCallReservation implements CallReservation {

    private final BudgetStore store;
    private final BudgetStore.Reservation reservation;
    private final BudgetAlerts alerts;

    BudgetCallReservation(BudgetStore store, BudgetStore.Reservation reservation, BudgetAlerts alerts) {
        this.store = store;
        this.reservation = reservation;
        this.alerts = alerts;
    }

    @Override
    public void settle(CallUsage usage) {
        store.settle(reservation, usage.costUsd());
        if (alerts != null && usage.costUsd().signum() > 0) {
            alerts.check(reservation);
        }
    }

    @Override
    public boolean inMemory() {
        return false;
    }
}
