package dev.llmgateway.teams;

import dev.llmgateway.guard.guardrail.GuardrailRef;
import dev.llmgateway.guard.injection.InjectionPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A team's settings in the admin API's snake_case shape: as the API shows them, the database and audit hold them. */
public final class TeamViews {

    private TeamViews() {
    }

    public static Map<String, Object> of(TeamSettings team) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put(TeamFields.TEAM, team.team());
        view.put(TeamFields.REQUESTS_PER_MINUTE, team.requestsPerMinute());
        view.put(TeamFields.TOKENS_PER_MINUTE, team.tokensPerMinute());
        view.put(TeamFields.CONCURRENT_REQUESTS, team.concurrentRequests());
        view.put(TeamFields.MONTHLY_BUDGET_USD, team.monthlyBudgetUsd());
        view.put(TeamFields.FEATURE_BUDGETS_USD, new TreeMap<>(team.featureBudgetsUsd()));
        view.put(TeamFields.MODELS, team.models());
        view.put(TeamFields.INJECTION_POLICY, wireName(team.injectionPolicy()));
        view.put(TeamFields.UNTRUSTED_POLICY, wireName(team.untrustedPolicy()));
        view.put(TeamFields.PII_REDACT_UPSTREAM, team.piiRedactUpstream());
        view.put(TeamFields.MAX_PROMPT_TOKENS, team.maxPromptTokens());
        view.put(TeamFields.MAX_OUTPUT_TOKENS, team.maxOutputTokens());
        view.put(TeamFields.BUDGET_ALERT_THRESHOLDS_PERCENT, team.budgetAlertThresholdsPercent());
        view.put(TeamFields.GUARDRAIL, team.guardrail() == null ? null : guardrail(team.guardrail()));
        return view;
    }

    private static String wireName(InjectionPolicy policy) {
        return policy == null ? null : TeamFields.wireName(policy);
    }

    private static Map<String, Object> guardrail(GuardrailRef guardrail) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("identifier", guardrail.identifier());
        view.put("version", guardrail.version());
        view.put("region", guardrail.region());
        return view;
    }
}
