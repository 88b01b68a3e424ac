package dev.llmgateway.budget;

import dev.llmgateway.chat.CallReservation;
import dev.llmgateway.chat.CallUsage;

/** A call's budget reservation, settled to what the call cost (an aborted stream: what it used before it ended). */
final class BudgetCallReservation implements CallReservation {

    private final BudgetStore store;
    private final BudgetStore.Reservation reservation;

    BudgetCallReservation(BudgetStore store, BudgetStore.Reservation reservation) {
        this.store = store;
        this.reservation = reservation;
    }

    @Override
    public void settle(CallUsage usage) {
        store.settle(reservation, usage.costUsd());
    }

    @Override
    public boolean inMemory() {
        return false;
    }
}
