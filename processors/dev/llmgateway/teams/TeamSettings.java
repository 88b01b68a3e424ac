package dev.llmgateway.teams;

import dev.llmgateway.guard.guardrail.GuardrailRef;
import dev.llmgateway.guard.injection.InjectionPolicy;
import dev.llmgateway.limits.TeamLimits;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One team as the gateway stores it. A field left out (null) takes the configured default: {@code limits.teamDefaults}
 * for limits and budgets, {@code guards.*} for guard policies.
 *
 * @param team               the team's name ({@link dev.llmgateway.auth.Names})
 * @param requestsPerMinute  requests per minute across the team's keys
 * @param tokensPerMinute    tokens per minute
 * @param concurrentRequests calls in flight at once
 * @param monthlyBudgetUsd   dollars per calendar month (UTC)
 * @param featureBudgetsUsd  dollars per calendar month of single features, by feature name
 * @param models             the model aliases the team may call; null: every configured one
 * @param injectionPolicy    the injection guard's policy for the team (the strictest of it, the default and the
 *                           route's applies)
 * @param untrustedPolicy    the injection guard's policy for the team's untrusted content (tool results, documents,
 *                           quoted files) carrying instructions; replaces {@code guards.injection.untrusted.teams} for
 *                           the team, and the strictest of it, the configured untrusted policy, the route's and the
 *                           caller's injection policy applies
 * @param piiRedactUpstream  whether the team's prompts go upstream with placeholders instead of personal data
 * @param maxPromptTokens    largest prompt of one call
 * @param maxOutputTokens    most output tokens of one call
 * @param budgetAlertThresholdsPercent percent of a budget (the team's, each feature's) whose crossing raises an
 *                           alert once a month, ascending; null: {@code limits.budgetAlerts.thresholdsPercent}
 * @param guardrail          the Bedrock guardrail applied to the team's prompts and answers (it wins over a model's);
 *                           null: {@code guards.guardrails.teams}, else the model's
 */
public record TeamSettings(String team, Integer requestsPerMinute, Integer tokensPerMinute, Integer concurrentRequests,
                           BigDecimal monthlyBudgetUsd, Map<String, BigDecimal> featureBudgetsUsd, List<String> models,
                           InjectionPolicy injectionPolicy, InjectionPolicy untrustedPolicy, Boolean piiRedactUpstream,
                           Integer maxPromptTokens, Integer maxOutputTokens, List<Integer> budgetAlertThresholdsPercent,
                           GuardrailRef guardrail) {

    public TeamSettings {
        featureBudgetsUsd = featureBudgetsUsd == null ? Map.of() : Map.copyOf(featureBudgetsUsd);
        models = models == null ? null : List.copyOf(models);
        budgetAlertThresholdsPercent = budgetAlertThresholdsPercent == null ? null
                : budgetAlertThresholdsPercent.stream().sorted().distinct().toList();
    }

    /** A team seeded from the configuration's {@code teams:} section: its limits and budgets, nothing else. */
    public static TeamSettings of(String team, TeamLimits limits) {
        Map<String, BigDecimal> features = new LinkedHashMap<>();
        limits.features().forEach((feature, budget) -> {
            if (budget != null && budget.monthlyBudgetUsd() != null) {
                features.put(feature, plain(budget.monthlyBudgetUsd()));
            }
        });
        return new TeamSettings(team, limits.requestsPerMinute(), limits.tokensPerMinute(), limits.concurrentRequests(),
                plain(limits.monthlyBudgetUsd()), features, null, null, null, null, null, null, null, null);
    }

    /** As the store keeps amounts, so that a seed compares equal to what it stored. */
    private static BigDecimal plain(BigDecimal amount) {
        return amount == null ? null : TeamFields.plain(amount);
    }

    /** @return the limits and budgets, as the rate limiter and the budget store read them */
    public TeamLimits limits() {
        Map<String, TeamLimits.FeatureLimits> features = new LinkedHashMap<>();
        featureBudgetsUsd.forEach((feature, budget) -> features.put(feature, new TeamLimits.FeatureLimits(budget)));
        return new TeamLimits(requestsPerMinute, tokensPerMinute, concurrentRequests, monthlyBudgetUsd, features);
    }

    /** @return whether the team may call the model alias */
    public boolean allows(String alias) {
        return models == null || models.contains(alias);
    }
}
