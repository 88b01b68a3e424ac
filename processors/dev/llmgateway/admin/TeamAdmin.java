package dev.llmgateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.budget.BudgetScope;
import dev.llmgateway.budget.BudgetStore;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.limits.TeamLimits;
import dev.llmgateway.teams.TeamFields;
import dev.llmgateway.teams.TeamSettings;
import dev.llmgateway.teams.TeamStore;
import dev.llmgateway.teams.TeamViews;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.camel.Exchange;

/**
 * What the admin API and the {@code teams} command do to teams, each answer the team as the API shows it: create,
 * list, show (with this month's spend), update, delete. A change made here is applied at once (the copy of the
 * teams this process holds is refreshed); refusals are {@link GatewayException}s (400, 404, 409).
 */
public final class TeamAdmin {

    private final TeamStore store;
    private final Runnable changed;
    private final TeamFields fields;
    private final Function<String, TeamLimits> effectiveLimits;
    private final BudgetStore budgets;

    /**
     * @param changed         told after each change (the gateway refreshes its copy of the teams)
     * @param effectiveLimits a team's limits with the configured defaults filled in (its budget view)
     * @param budgets         what the team has spent and reserved this month
     */
    public TeamAdmin(TeamStore store, Runnable changed, TeamFields fields,
                     Function<String, TeamLimits> effectiveLimits, BudgetStore budgets) {
        this.store = store;
        this.changed = changed;
        this.fields = fields;
        this.effectiveLimits = effectiveLimits;
        this.budgets = budgets;
    }

    /** @return the created team; 409 when it exists */
    public Map<String, Object> create(JsonNode body, String actor) {
        TeamSettings team = fields.create(body);
        TeamStore.StoredTeam created = store.create(team, actor).orElseThrow(() ->
                new GatewayException(409, "invalid_request_error", "team_exists", "Team '" + team.team()
                        + "' exists already. PATCH /admin/teams/" + team.team() + " changes it."));
        changed.run();
        return view(created);
    }

    public List<Map<String, Object>> list() {
        return store.live().values().stream().map(TeamAdmin::view).toList();
    }

    /** @return the team with this month's spend; 404 when there is no such team */
    public Map<String, Object> show(String team) {
        return viewWithSpend(store.find(team).orElseThrow(() -> notFound(team)));
    }

    /** @return the changed team: a field given replaces the stored value, null clears it, one left out is kept */
    public Map<String, Object> update(String team, JsonNode body, String actor) {
        TeamStore.StoredTeam updated = store.update(team, current -> fields.patch(current, body), actor)
                .orElseThrow(() -> notFound(team));
        changed.run();
        return view(updated);
    }

    /** @return the deleted team and the ids of the keys its deletion revoked */
    public Map<String, Object> delete(String team, String actor) {
        TeamStore.Deleted deleted = store.delete(team, actor).orElseThrow(() -> notFound(team));
        changed.run();
        Map<String, Object> view = view(deleted.team());
        view.put("deleted", true);
        view.put("revoked_keys", deleted.revokedKeys());
        return view;
    }

    static String team(Exchange exchange) {
        return exchange.getMessage().getHeader("team", String.class);
    }

    private static GatewayException notFound(String team) {
        return new GatewayException(404, "invalid_request_error", "team_not_found", "There is no team '"
                + (team.length() > 64 ? team.substring(0, 64) + "..." : team) + "'. GET /admin/teams lists them.");
    }

    /** A team as the admin API shows it: its settings and when it was created and changed. */
    private static Map<String, Object> view(TeamStore.StoredTeam team) {
        Map<String, Object> view = TeamViews.of(team.settings());
        view.put("created_at", team.createdAt().toString());
        view.put("updated_at", team.updatedAt().toString());
        return view;
    }

    /** A team with this month's spend against its budgets: spent, reserved by calls in flight, and left. */
    private Map<String, Object> viewWithSpend(TeamStore.StoredTeam team) {
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
        view.put("spent_usd", TeamFields.plain(spending.spentUsd()));
        view.put("reserved_usd", TeamFields.plain(spending.reservedUsd()));
        view.put("left_usd", scope.limitUsd() == null ? null : TeamFields.plain(scope.limitUsd()
                .subtract(spending.spentUsd()).subtract(spending.reservedUsd()).max(BigDecimal.ZERO)));
        return view;
    }
}
