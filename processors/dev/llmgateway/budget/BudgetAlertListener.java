package dev.llmgateway.budget;

/** Told of each budget alert, once per budget, threshold and month across all instances. */
@FunctionalInterface
public interface BudgetAlertListener {

    void raised(BudgetAlert alert);
}
