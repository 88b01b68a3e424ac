package dev.llmgateway.budget;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The calendar month (UTC) budgets count in: its key in the database and when the next one starts. */
record BudgetMonth(YearMonth month) {

    static BudgetMonth of(Clock clock) {
        return new BudgetMonth(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    }

    String key() {
        return month.toString();
    }

    Instant resetsAt() {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
