package dev.llmgateway.guard.injection;

import dev.llmgateway.chat.ChatRole;
import java.util.List;
import java.util.Map;

/**
 * Settings of the {@link InjectionGuardProcessor}. Where several policies apply (default, route, team), the
 * strictest wins, so a team cannot relax a route that blocks.
 *
 * @param policy       policy for every request; default FLAG
 * @param teams        policies per team name
 * @param routes       policies per Camel route id (the route the exchange came from)
 * @param threshold    summed rule finding weight at which a message counts as an injection; default 1.0
 * @param scannedRoles roles whose messages are inspected; default user only, since system and assistant turns
 *                     come from the calling application rather than its end users
 * @param dataTag      the tag sanitize mode wraps user content in; default user_data
 * @param classifier   the learned classifier that judges with the rules; on by default
 * @param untrusted    how tool results, documents and batch files are treated
 */
public record InjectionGuardSettings(InjectionPolicy policy, Map<String, InjectionPolicy> teams,
                                     Map<String, InjectionPolicy> routes, Double threshold, List<ChatRole> scannedRoles,
                                     String dataTag, InjectionClassifierSettings classifier,
                                     UntrustedContentSettings untrusted) {

    public InjectionGuardSettings {
        policy = policy == null ? InjectionPolicy.FLAG : policy;
        teams = teams == null ? Map.of() : Map.copyOf(teams);
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        threshold = threshold == null ? InjectionDetector.DEFAULT_THRESHOLD : threshold;
        scannedRoles = scannedRoles == null || scannedRoles.isEmpty() ? List.of(ChatRole.USER) : List.copyOf(scannedRoles);
        dataTag = dataTag == null || dataTag.isBlank() ? InjectionDetector.DEFAULT_DATA_TAG : dataTag;
        classifier = classifier == null
                ? new InjectionClassifierSettings(null, null, null, null, null, null) : classifier;
        untrusted = untrusted == null ? UntrustedContentSettings.defaults() : untrusted;
        if (!dataTag.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("dataTag must be a plain tag name, got " + dataTag);
        }
        if (dataTag.equalsIgnoreCase(DataMarker.TAG)) {
            throw new IllegalArgumentException("dataTag must differ from " + DataMarker.TAG + ", the tag of untrusted content");
        }
        if (threshold <= 0) {
            throw new IllegalArgumentException("threshold must be positive, got " + threshold);
        }
    }

    public static InjectionGuardSettings withPolicy(InjectionPolicy policy) {
        return new InjectionGuardSettings(policy, null, null, null, null, null, null, null);
    }

    public InjectionPolicy policyFor(String team, String routeId) {
        return policy.stricter(team == null ? null : teams.get(team)).stricter(routeId == null ? null : routes.get(routeId));
    }

    /** @return the policy for untrusted content carrying instructions: never less strict than {@link #policyFor} */
    public InjectionPolicy untrustedPolicyFor(String team, String routeId) {
        return untrusted.policyFor(team, routeId, policyFor(team, routeId));
    }
}
