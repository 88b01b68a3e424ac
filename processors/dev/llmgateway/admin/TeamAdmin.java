package dev.llmgateway.admin;

import dev.llmgateway.budget.BudgetScope;
import dev.llmgateway.budget.BudgetStore;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.limits.TeamLimits;
import dev.llmgateway.teams.TeamDirectory;
import dev.llmgateway.teams.TeamFields;
import dev.llmgateway.teams.TeamStore;
import dev.llmgateway.teams.TeamViews;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.camel.Exchange;

/**
 * What the team routes of the admin API share: the store, this instance's copy of the teams (refreshed at once after
 * a change made here), how a request's fields are read, and how a team is shown.
 */
public final class TeamAdmin {

    private final TeamStore store;
    private final TeamDirectory directory;
    private final TeamFields fields;
    private final Function<String, TeamLimits> effectiveLimits;
    private final BudgetStore budgets;

    /**
     * @param effectiveLimits a team's limits with the configured defaults filled in (its budget view)
     * @param budgets         what the team has spent and reserved this month
     */
    public TeamAdmin(TeamStore store, TeamDirectory directory, TeamFields fields,
                     Function<String, TeamLimits> effectiveLimits, BudgetStore budgets) {
        this.store = store;
        this.directory = directory;
        this.fields = fields;
        this.effectiveLimits = effectiveLimits;
        this.budgets = budgets;
    }

    TeamStore store() {
        return store;
    }

    TeamFields fields() {
        return fields;
    }

    /** Applies a change made through this instance at once (the others read it within their refresh interval). */
    void changed() {
        directory.refresh();
    }

    static String team(Exchange exchange) {
        return exchange.getMessage().getHeader("team", String.class);
    }

    static GatewayException notFound(String team) {
        return new GatewayException(404, "invalid_request_error", "team_not_found", "There is no team '"
                + (team.length() > 64 ? team.substring(0, 64) + "..." : team) + "'. GET /admin/teams lists them.");
    }

    /** A team as the admin API shows it: its settings and when it was created and changed. */
    static Map<String, Object> view(TeamStore.StoredTeam team) {
        Map<String, Object> view = TeamViews.of(team.settings());
        view.put("created_at", team.createdAt().toString());
        view.put("updated_at", team.updatedAt().toString());
        return view;
    }

    /** A team with this month's spend against its budgets: spent, reserved by calls in flight, and left. */
    Map<String, Object> viewWithSpend(TeamStore.StoredTeam team) {
        Map<String, Object> view = view(team);
        String name = team.settings().team();
        TeamLimits limits = effectiveLimits.apply(name);
        view.put("spend", spend(new BudgetScope(name, null, limits.monthlyBudgetUsd())));
        Map<String, Object> features = new TreeMap<>();
        limits.features().forEach((feature, budget) ->
                features.put(feature, spend(new BudgetScope(name, feature, budget.monthlyBudgetUsd()))));
        view.put("feature_spend", features);
        return view;
    }

    private Map<String, Object> spend(BudgetScope scope) {
        BudgetStore.Spending spending = budgets.spending(scope)
                .orElse(new BudgetStore.Spending(BigDecimal.ZERO, BigDecimal.ZERO));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("month", budgets.month());
        view.put("budget_usd", scope.limitUsd());
        view.put("spent_usd", spending.spentUsd().stripTrailingZeros());
        view.put("reserved_usd", spending.reservedUsd().stripTrailingZeros());
        view.put("left_usd", scope.limitUsd() == null ? null : scope.limitUsd().subtract(spending.spentUsd())
                .subtract(spending.reservedUsd()).max(BigDecimal.ZERO).stripTrailingZeros());
        return view;
    }
}
