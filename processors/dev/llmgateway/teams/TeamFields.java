package dev.llmgateway.teams;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.auth.Names;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.guard.guardrail.GuardrailRef;
import dev.llmgateway.guard.injection.InjectionPolicy;
import dev.llmgateway.http.JsonFields;
import dev.llmgateway.http.KnownFields;
import dev.llmgateway.http.NearestName;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a team's settings from JSON in the admin API's snake_case shape, refusing what is wrong with a 400 that names
 * the field: an unknown field (with the nearest known one), a limit below 1, a negative budget, a model alias that
 * is not configured (with the nearest one), an injection or untrusted policy that does not exist, a guardrail that
 * is not {identifier, version, region} as Bedrock names one.
 */
public final class TeamFields {

    public static final String TEAM = "team";
    public static final String REQUESTS_PER_MINUTE = "requests_per_minute";
    public static final String TOKENS_PER_MINUTE = "tokens_per_minute";
    public static final String CONCURRENT_REQUESTS = "concurrent_requests";
    public static final String MONTHLY_BUDGET_USD = "monthly_budget_usd";
    public static final String FEATURE_BUDGETS_USD = "feature_budgets_usd";
    public static final String MODELS = "models";
    public static final String INJECTION_POLICY = "injection_policy";
    public static final String UNTRUSTED_POLICY = "untrusted_policy";
    public static final String PII_REDACT_UPSTREAM = "pii_redact_upstream";
    public static final String MAX_PROMPT_TOKENS = "max_prompt_tokens";
    public static final String MAX_OUTPUT_TOKENS = "max_output_tokens";
    public static final String BUDGET_ALERT_THRESHOLDS_PERCENT = "budget_alert_thresholds_percent";
    public static final String GUARDRAIL = "guardrail";
    static final List<String> ALL = List.of(TEAM, REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, CONCURRENT_REQUESTS,
            MONTHLY_BUDGET_USD, FEATURE_BUDGETS_USD, MODELS, INJECTION_POLICY, UNTRUSTED_POLICY, PII_REDACT_UPSTREAM,
            MAX_PROMPT_TOKENS, MAX_OUTPUT_TOKENS, BUDGET_ALERT_THRESHOLDS_PERCENT, GUARDRAIL);
    static final List<String> GUARDRAIL_FIELDS = List.of("identifier", "version", "region");

    private static final int MAX_FEATURES = 100;
    private static final int MAX_MODELS = 100;
    private static final int MAX_THRESHOLDS = 10;
    private static final int MAX_PERCENT = 1000;
    private static final int MAX_NAME_QUOTED = 128;
    private static final BigDecimal MAX_BUDGET = new BigDecimal("1000000000");

    /** The configured model aliases, or null to take any (settings read back from the database). */
    private final Set<String> knownModels;

    private TeamFields(Set<String> knownModels) {
        this.knownModels = knownModels;
    }

    /** @param knownModels the configured model aliases a team's {@code models} must be among */
    public static TeamFields checkingModels(Collection<String> knownModels) {
        return new TeamFields(new LinkedHashSet<>(knownModels));
    }

    /** Settings read back from the database: checked when written, kept when a model left the configuration. */
    static TeamFields stored() {
        return new TeamFields(null);
    }

    /** @return a new team's settings from a {@code POST /admin/teams} body */
    public TeamSettings create(JsonNode body) {
        String team = JsonFields.requiredString(body, TEAM);
        if (!Names.valid(team)) {
            throw GatewayException.invalidRequest("invalid_team", "'team' must be " + Names.rule() + ".");
        }
        return read(body, empty(team));
    }

    /**
     * @return the settings with what a {@code PATCH} body gives replaced: a field present replaces the stored value,
     *         null clears it (back to the configured default), a field left out keeps it
     */
    public TeamSettings patch(TeamSettings current, JsonNode body) {
        String team = JsonFields.optionalString(body, TEAM);
        if (team != null && !team.equals(current.team())) {
            throw GatewayException.invalidRequest("team_rename_not_supported", "A team cannot be renamed: 'team' is "
                    + "'" + cut(team) + "', the team in the path is '" + current.team() + "'.");
        }
        return read(body, current);
    }

    private static TeamSettings empty(String team) {
        return new TeamSettings(team, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private TeamSettings read(JsonNode body, TeamSettings base) {
        KnownFields.refuseOthers(body, ALL, "a team setting");
        return new TeamSettings(base.team(),
                body.has(REQUESTS_PER_MINUTE) ? JsonFields.optionalPositiveInt(body, REQUESTS_PER_MINUTE)
                        : base.requestsPerMinute(),
                body.has(TOKENS_PER_MINUTE) ? JsonFields.optionalPositiveInt(body, TOKENS_PER_MINUTE)
                        : base.tokensPerMinute(),
                body.has(CONCURRENT_REQUESTS) ? JsonFields.optionalPositiveInt(body, CONCURRENT_REQUESTS)
                        : base.concurrentRequests(),
                body.has(MONTHLY_BUDGET_USD) ? budget(body.get(MONTHLY_BUDGET_USD), MONTHLY_BUDGET_USD)
                        : base.monthlyBudgetUsd(),
                body.has(FEATURE_BUDGETS_USD) ? featureBudgets(body.get(FEATURE_BUDGETS_USD))
                        : base.featureBudgetsUsd(),
                body.has(MODELS) ? models(body.get(MODELS), MODELS) : base.models(),
                body.has(INJECTION_POLICY) ? policy(body, INJECTION_POLICY) : base.injectionPolicy(),
                body.has(UNTRUSTED_POLICY) ? policy(body, UNTRUSTED_POLICY) : base.untrustedPolicy(),
                body.has(PII_REDACT_UPSTREAM) ? optionalBoolean(body, PII_REDACT_UPSTREAM) : base.piiRedactUpstream(),
                body.has(MAX_PROMPT_TOKENS) ? JsonFields.optionalPositiveInt(body, MAX_PROMPT_TOKENS)
                        : base.maxPromptTokens(),
                body.has(MAX_OUTPUT_TOKENS) ? JsonFields.optionalPositiveInt(body, MAX_OUTPUT_TOKENS)
                        : base.maxOutputTokens(),
                body.has(BUDGET_ALERT_THRESHOLDS_PERCENT) ? thresholds(body.get(BUDGET_ALERT_THRESHOLDS_PERCENT))
                        : base.budgetAlertThresholdsPercent(),
                body.has(GUARDRAIL) ? guardrail(body.get(GUARDRAIL)) : base.guardrail());
    }

    /** @return the guardrail {identifier, version, region (optional)}, or null to clear it */
    private static GuardrailRef guardrail(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonFields.requiredObject(node, GUARDRAIL);
        KnownFields.refuseOthers(node, GUARDRAIL_FIELDS, "a field of 'guardrail'");
        String region = JsonFields.optionalString(node, "region");
        try {
            return new GuardrailRef(JsonFields.requiredString(node, "identifier", GUARDRAIL),
                    JsonFields.requiredString(node, "version", GUARDRAIL), region);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest("invalid_value", "'" + GUARDRAIL + "': " + e.getMessage() + ".");
        }
    }

    /** @return alert thresholds: 0 to 10 whole percents from 1 to 1000 (an empty list: no alerts) */
    private static List<Integer> thresholds(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.size() > MAX_THRESHOLDS) {
            throw JsonFields.wrongType(BUDGET_ALERT_THRESHOLDS_PERCENT, "an array of at most " + MAX_THRESHOLDS
                    + " percents", node);
        }
        List<Integer> thresholds = new ArrayList<>();
        for (JsonNode percent : node) {
            if (!percent.isIntegralNumber() || !percent.canConvertToInt() || percent.intValue() < 1
                    || percent.intValue() > MAX_PERCENT) {
                throw GatewayException.invalidRequest("invalid_value", "'" + BUDGET_ALERT_THRESHOLDS_PERCENT
                        + "' must hold whole percents from 1 to " + MAX_PERCENT + ", got " + cut(percent.toString())
                        + ".");
            }
            thresholds.add(percent.intValue());
        }
        return thresholds;
    }

    private static BigDecimal budget(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw JsonFields.wrongType(field, "a number of dollars", node);
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() < 0 || value.compareTo(MAX_BUDGET) > 0) {
            throw GatewayException.invalidRequest("invalid_value", "'" + field + "' must be between 0 and "
                    + MAX_BUDGET.toPlainString() + " dollars, got " + cut(value.toPlainString()) + ".");
        }
        return plain(value);
    }

    /** @return the amount without trailing zeros, never in exponent form (100, not 1E+2) */
    public static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Map<String, BigDecimal> featureBudgets(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw JsonFields.wrongType(FEATURE_BUDGETS_USD, "an object of feature names and dollars", node);
        }
        if (node.size() > MAX_FEATURES) {
            throw GatewayException.invalidRequest("invalid_value", "'" + FEATURE_BUDGETS_USD + "' may name at most "
                    + MAX_FEATURES + " features, got " + node.size() + ".");
        }
        Map<String, BigDecimal> budgets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = FEATURE_BUDGETS_USD + "." + cut(entry.getKey());
            if (!Names.valid(entry.getKey())) {
                throw GatewayException.invalidRequest("invalid_feature", "'" + at + "': a feature name must be "
                        + Names.rule() + ".");
            }
            BigDecimal budget = budget(entry.getValue(), at);
            if (budget == null) {
                throw JsonFields.wrongType(at, "a number of dollars", entry.getValue());
            }
            budgets.put(entry.getKey(), budget);
        }
        return budgets;
    }

    /**
     * @param team the key's team, or null for a team without stored settings (it may use every model)
     * @return the {@code models} of a key, checked against the configured ones and its team's
     */
    public List<String> keyModels(JsonNode body, TeamSettings team) {
        List<String> models = models(body.get(MODELS), MODELS);
        if (models != null && team != null && team.models() != null) {
            List<String> outside = models.stream().filter(alias -> !team.allows(alias)).toList();
            if (!outside.isEmpty()) {
                throw GatewayException.invalidRequest("model_not_allowed_for_team", "'models' names "
                        + String.join(", ", outside) + ", which team " + team.team() + " may not use; a key's models "
                        + "must be among its team's: " + String.join(", ", team.models()) + ".");
            }
        }
        return models;
    }

    /** @return the aliases, checked against the configured ones (when known), in the order given, without repeats */
    List<String> models(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw JsonFields.wrongType(field, "an array of model aliases", node);
        }
        if (node.isEmpty() || node.size() > MAX_MODELS) {
            throw GatewayException.invalidRequest("invalid_value", "'" + field + "' must name 1 to " + MAX_MODELS
                    + " model aliases (leave it out, or null, for every model).");
        }
        Set<String> models = new LinkedHashSet<>();
        for (JsonNode alias : node) {
            if (!alias.isTextual()) {
                throw JsonFields.wrongType(field + "[]", "a model alias", alias);
            }
            if (knownModels != null && !knownModels.contains(alias.textValue())) {
                throw unknownModel(alias.textValue(), field);
            }
            models.add(alias.textValue());
        }
        return new ArrayList<>(models);
    }

    private GatewayException unknownModel(String alias, String field) {
        String quoted = cut(alias);
        String hint = NearestName.nearest(quoted, knownModels).filter(m -> m.likely(quoted))
                .map(m -> " Did you mean '" + m.name() + "'?").orElse("");
        return GatewayException.invalidRequest("model_not_found", "'" + field + "' names the model '" + quoted
                + "', which is not configured." + hint + " The models are: " + String.join(", ", knownModels) + ".");
    }

    /** @return an injection guard policy (flag, sanitize or block), or null to clear it */
    private static InjectionPolicy policy(JsonNode body, String field) {
        String policy = JsonFields.optionalString(body, field);
        if (policy == null) {
            return null;
        }
        for (InjectionPolicy known : InjectionPolicy.values()) {
            if (known.name().equalsIgnoreCase(policy)) {
                return known;
            }
        }
        throw GatewayException.invalidRequest("invalid_value", "'" + field + "' must be one of "
                + String.join(", ", Arrays.stream(InjectionPolicy.values()).map(TeamFields::wireName).toList())
                + ", got '" + cut(policy) + "'.");
    }

    static String wireName(InjectionPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT);
    }

    private static Boolean optionalBoolean(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw JsonFields.wrongType(field, "true or false", node);
        }
        return node.booleanValue();
    }

    /** A name as the caller sent it, cut: it is any string until it is found among the known ones. */
    private static String cut(String name) {
        return name.length() > MAX_NAME_QUOTED ? name.substring(0, MAX_NAME_QUOTED) + "..." : name;
    }
}
