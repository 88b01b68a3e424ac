package dev.llmgateway.budget;

import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.chat.PromptTokenCount;
import dev.llmgateway.limits.LimitPolicy;
import dev.llmgateway.limits.LimitsUnavailable;
import dev.llmgateway.limits.TeamLimits;
import dev.llmgateway.model.FallbackFit;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reserves a call's worst-case cost from its team's and its feature's monthly budgets before anything is sent
 * upstream. A call that does not fit is refused with 402 and a message giving the budget, what is spent and
 * reserved, and when it resets. The reservation is settled to the real cost once the call is over.
 */
public class BudgetReservationProcessor implements Processor {

    private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd 'at' HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final LimitPolicy policy;
    private final BudgetStore store;
    private final WorstCaseCost worstCase;
    private final BudgetAlerts alerts;

    public BudgetReservationProcessor(LimitPolicy policy, BudgetStore store, WorstCaseCost worstCase) {
        this(policy, store, worstCase, null);
    }

    /** @param alerts checks the budgets once a call's cost is settled, or null for no alerts */
    public BudgetReservationProcessor(LimitPolicy policy, BudgetStore store, WorstCaseCost worstCase,
                                      BudgetAlerts alerts) {
        this.policy = policy;
        this.store = store;
        this.worstCase = worstCase;
        this.alerts = alerts;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        List<BudgetScope> scopes = scopes(call.team(), call.caller().feature());
        if (scopes.isEmpty()) {
            return;
        }
        List<ModelSpec> models = new ArrayList<>();
        models.add(call.model());
        models.addAll(FallbackFit.servable(call));
        PromptTokenCount count = call.promptTokens();
        BigDecimal amount = worstCase.of(models, count.promptTokens(), count.maxOutputTokens(),
                call.request().cachesPrompt());
        try {
            BudgetStore.Reservation reservation = LimitsUnavailable.guard("budgets", () -> store.reserve(scopes, amount));
            call.hold(new BudgetCallReservation(store, reservation, alerts));
        } catch (BudgetExceededException e) {
            throw refused(e);
        }
    }

    private List<BudgetScope> scopes(String team, String feature) {
        List<BudgetScope> scopes = new ArrayList<>(2);
        if (team == null) {
            return scopes;
        }
        TeamLimits limits = policy.team(team);
        if (limits.monthlyBudgetUsd() != null) {
            scopes.add(new BudgetScope(team, null, limits.monthlyBudgetUsd()));
        }
        BigDecimal featureBudget = limits.featureBudgetUsd(feature);
        if (featureBudget != null) {
            scopes.add(new BudgetScope(team, feature, featureBudget));
        }
        return scopes;
    }

    private static GatewayException refused(BudgetExceededException e) {
        BudgetScope scope = e.scope();
        String message = "The monthly budget of " + scope.describe() + " is used up: " + Dollars.format(e.spentUsd())
                + " spent and " + Dollars.format(e.reservedUsd()) + " reserved by calls in flight, of "
                + Dollars.format(scope.limitUsd()) + "; this call could cost up to " + Dollars.format(e.askedUsd())
                + ". The budget resets on " + RESET.format(e.resetsAt())
                + ". Ask the gateway operators to raise it, or lower max_tokens.";
        return new GatewayException(402, "insufficient_quota", "budget_exceeded", message, Map.of(), e);
    }
}
