package dev.llmgateway.budget;

import java.math.BigDecimal;
import java.time.Instant;

/** A call's worst-case cost does not fit in what a budget has left this month. */
public class BudgetExceededException extends RuntimeException {

    private final BudgetScope scope;
    private final BigDecimal spentUsd;
    private final BigDecimal reservedUsd;
    private final BigDecimal askedUsd;
    private final Instant resetsAt;

    BudgetExceededException(BudgetScope scope, BigDecimal spentUsd, BigDecimal reservedUsd, BigDecimal askedUsd,
                            Instant resetsAt) {
        super(scope.describe() + " is at its monthly budget");
        this.scope = scope;
        this.spentUsd = spentUsd;
        this.reservedUsd = reservedUsd;
        this.askedUsd = askedUsd;
        this.resetsAt = resetsAt;
    }

    public BudgetScope scope() {
        return scope;
    }

    public BigDecimal spentUsd() {
        return spentUsd;
    }

    /** @return what calls in flight have reserved */
    public BigDecimal reservedUsd() {
        return reservedUsd;
    }

    /** @return the refused call's worst-case cost */
    public BigDecimal askedUsd() {
        return askedUsd;
    }

    public Instant resetsAt() {
        return resetsAt;
    }
}
