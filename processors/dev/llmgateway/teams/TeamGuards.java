package dev.llmgateway.teams;

import dev.llmgateway.guard.guardrail.GuardrailRef;
import dev.llmgateway.guard.guardrail.GuardrailSettings;
import dev.llmgateway.guard.injection.InjectionGuardSettings;
import dev.llmgateway.guard.injection.InjectionPolicy;
import dev.llmgateway.guard.injection.UntrustedContentSettings;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.tokens.TeamTokenLimits;
import dev.llmgateway.guard.tokens.TokenLimitSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The guards' settings with the teams' own policies: a team's stored injection and untrusted-content policies, PII
 * choice, token limits and guardrail replace what {@code guards.*.teams} configures for it; what the team leaves out
 * keeps the configured value.
 * Rebuilt whenever the teams are read again, so the guards apply a change without a restart.
 */
public final class TeamGuards implements Consumer<Map<String, TeamSettings>> {

    private final TokenLimitSettings tokensConfigured;
    private final InjectionGuardSettings injectionConfigured;
    private final PiiSettings piiConfigured;
    private final GuardrailSettings guardrailsConfigured;
    private volatile TokenLimitSettings tokens;
    private volatile InjectionGuardSettings injection;
    private volatile PiiSettings pii;
    private volatile GuardrailSettings guardrails;

    public TeamGuards(TokenLimitSettings tokens, InjectionGuardSettings injection, PiiSettings pii,
                      GuardrailSettings guardrails) {
        this.tokensConfigured = tokens;
        this.injectionConfigured = injection;
        this.piiConfigured = pii;
        this.guardrailsConfigured = guardrails;
        accept(Map.of());
    }

    @Override
    public void accept(Map<String, TeamSettings> teams) {
        Map<String, TeamTokenLimits> tokenLimits = new HashMap<>(tokensConfigured.teams());
        Map<String, InjectionPolicy> policies = new HashMap<>(injectionConfigured.teams());
        Map<String, InjectionPolicy> untrustedPolicies = new HashMap<>(injectionConfigured.untrusted().teams());
        Map<String, Boolean> redaction = new HashMap<>(piiConfigured.teams());
        Map<String, GuardrailRef> teamGuardrails = new HashMap<>(guardrailsConfigured.teams());
        teams.forEach((name, team) -> {
            TeamTokenLimits configured = tokensConfigured.teams().get(name);
            Integer prompt = team.maxPromptTokens() != null ? team.maxPromptTokens()
                    : configured == null ? null : configured.maxPromptTokens();
            Integer output = team.maxOutputTokens() != null ? team.maxOutputTokens()
                    : configured == null ? null : configured.maxOutputTokens();
            tokenLimits.put(name, new TeamTokenLimits(prompt, output));
            if (team.injectionPolicy() != null) {
                policies.put(name, team.injectionPolicy());
            }
            if (team.untrustedPolicy() != null) {
                untrustedPolicies.put(name, team.untrustedPolicy());
            }
            if (team.piiRedactUpstream() != null) {
                redaction.put(name, team.piiRedactUpstream());
            }
            if (team.guardrail() != null) {
                teamGuardrails.put(name, team.guardrail());
            }
        });
        TokenLimitSettings t = tokensConfigured;
        InjectionGuardSettings i = injectionConfigured;
        PiiSettings p = piiConfigured;
        UntrustedContentSettings u = i.untrusted();
        this.tokens = new TokenLimitSettings(t.margins(), t.maxPromptTokens(), t.maxOutputTokens(), tokenLimits,
                t.exactCountFraction());
        this.injection = new InjectionGuardSettings(i.policy(), policies, i.routes(), i.threshold(), i.scannedRoles(),
                i.dataTag(), i.classifier(),
                new UntrustedContentSettings(u.policy(), untrustedPolicies, u.routes(), u.datamark(),
                        u.readPdfs()));
        this.pii = new PiiSettings(p.types(), p.phoneRegions(), p.streamingLookAhead(), p.redactUpstream(), redaction);
        this.guardrails = guardrailsConfigured.withTeams(teamGuardrails);
    }

    public TokenLimitSettings tokens() {
        return tokens;
    }

    public InjectionGuardSettings injection() {
        return injection;
    }

    public PiiSettings pii() {
        return pii;
    }

    public GuardrailSettings guardrails() {
        return guardrails;
    }
}
