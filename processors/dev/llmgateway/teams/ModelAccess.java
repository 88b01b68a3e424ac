package dev.llmgateway.teams;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Lets a call through only to a model its team and its API key may use, right after the model is resolved and
 * before anything is counted or reserved; otherwise a 403 naming the model and the ones the caller may use. The
 * model's fallbacks the caller may not use are dropped: a fallback answers only for who may call it.
 */
public class ModelAccess implements Processor {

    private final TeamDirectory teams;

    public ModelAccess(TeamDirectory teams) {
        this.teams = teams;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        Caller caller = call.caller();
        String alias = call.model().alias();
        List<String> teamModels = teams.find(caller.team()).map(TeamSettings::models).orElse(null);
        if (teamModels != null && !teamModels.contains(alias)) {
            throw refused(alias, "team " + caller.team(), teamModels);
        }
        List<String> keyModels = caller.keyModels();
        if (keyModels != null && !keyModels.contains(alias)) {
            List<String> allowed = teamModels == null ? keyModels
                    : keyModels.stream().filter(teamModels::contains).toList();
            throw refused(alias, "API key " + caller.keyId(), allowed);
        }
        if (teamModels != null || keyModels != null) {
            List<String> usable = allowed(caller, call.fallbacks().stream().map(ModelSpec::alias).toList());
            call.setFallbacks(call.fallbacks().stream().filter(model -> usable.contains(model.alias())).toList());
        }
    }

    /** @return the aliases of the catalogue the caller may use, in the catalogue's order */
    public List<String> allowed(Caller caller, List<String> catalogue) {
        List<String> teamModels = teams.find(caller.team()).map(TeamSettings::models).orElse(null);
        List<String> keyModels = caller.keyModels();
        return catalogue.stream().filter(alias -> teamModels == null || teamModels.contains(alias))
                .filter(alias -> keyModels == null || keyModels.contains(alias)).toList();
    }

    private static GatewayException refused(String alias, String who, List<String> allowed) {
        return new GatewayException(403, "permission_error", "model_not_allowed", "The model '" + alias + "' is not "
                + "allowed for " + who + "; allowed: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed))
                + ". Ask your platform team to allow it.");
    }
}
