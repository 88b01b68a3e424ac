package dev.llmgateway.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.guard.guardrail.GuardrailSettings;
import dev.llmgateway.guard.injection.InjectionGuardSettings;
import dev.llmgateway.guard.injection.InjectionPolicy;
import dev.llmgateway.guard.injection.UntrustedContentSettings;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.guard.tokens.TokenLimitSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A team's stored guard policies against the configured ones, as the guards apply them after each reload. */
class TeamGuardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TeamFields FIELDS = TeamFields.checkingModels(List.of("claude-3-5-haiku"));

    /** Untrusted content: flag by default, sanitize for team search, block for team payments and on route rag. */
    private static final InjectionGuardSettings CONFIGURED = new InjectionGuardSettings(InjectionPolicy.FLAG,
            Map.of("strict", InjectionPolicy.BLOCK), null, null, null, null, null,
            new UntrustedContentSettings(InjectionPolicy.FLAG, Map.of("search", InjectionPolicy.SANITIZE,
                    "payments", InjectionPolicy.BLOCK), Map.of("rag", InjectionPolicy.BLOCK), null, null));

    private static TeamGuards guards() {
        return new TeamGuards(TokenLimitSettings.defaults(), CONFIGURED, PiiSettings.defaults(),
                GuardrailSettings.defaults());
    }

    private static TeamSettings team(String body) throws Exception {
        return FIELDS.create(JSON.readTree(body));
    }

    @Test
    void aTeamsStoredUntrustedPolicyReplacesTheConfiguredOneForThatTeamOnly() throws Exception {
        TeamGuards guards = guards();
        assertThat(guards.injection().untrustedPolicyFor("payments", "chat")).isEqualTo(InjectionPolicy.BLOCK);

        guards.accept(Map.of("payments", team("{\"team\": \"payments\", \"untrusted_policy\": \"sanitize\"}"),
                "search", team("{\"team\": \"search\", \"untrusted_policy\": \"block\"}"),
                "plain", team("{\"team\": \"plain\"}")));

        assertThat(guards.injection().untrustedPolicyFor("payments", "chat")).as("replaced, not the stricter")
                .isEqualTo(InjectionPolicy.SANITIZE);
        assertThat(guards.injection().untrustedPolicyFor("search", "chat")).isEqualTo(InjectionPolicy.BLOCK);
        assertThat(guards.injection().untrustedPolicyFor("plain", "chat")).isEqualTo(InjectionPolicy.FLAG);
        assertThat(guards.injection().untrustedPolicyFor("payments", "rag")).as("the route's still counts")
                .isEqualTo(InjectionPolicy.BLOCK);
        assertThat(guards.injection().untrusted().routes()).isEqualTo(CONFIGURED.untrusted().routes());
    }

    @Test
    void aStoredUntrustedPolicyIsNeverBelowTheCallersInjectionPolicy() throws Exception {
        TeamGuards guards = guards();

        guards.accept(Map.of("strict", team("{\"team\": \"strict\", \"untrusted_policy\": \"flag\"}"),
                "own", team("{\"team\": \"own\", \"injection_policy\": \"sanitize\", \"untrusted_policy\": \"flag\"}")));

        assertThat(guards.injection().untrustedPolicyFor("strict", "chat")).isEqualTo(InjectionPolicy.BLOCK);
        assertThat(guards.injection().untrustedPolicyFor("own", "chat")).isEqualTo(InjectionPolicy.SANITIZE);
    }

    @Test
    void clearingTheStoredPolicyBringsTheConfiguredOneBack() throws Exception {
        TeamGuards guards = guards();
        TeamSettings blocking = team("{\"team\": \"search\", \"untrusted_policy\": \"block\"}");
        guards.accept(Map.of("search", blocking));
        assertThat(guards.injection().untrustedPolicyFor("search", "chat")).isEqualTo(InjectionPolicy.BLOCK);

        JsonNode clear = JSON.readTree("{\"untrusted_policy\": null}");
        guards.accept(Map.of("search", FIELDS.patch(blocking, clear)));

        assertThat(guards.injection().untrustedPolicyFor("search", "chat")).isEqualTo(InjectionPolicy.SANITIZE);
    }
}
