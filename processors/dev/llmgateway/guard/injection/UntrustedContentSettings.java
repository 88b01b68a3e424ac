package dev.llmgateway.guard.injection;

import java.util.Map;

/**
 * How the injection guard treats content the caller passes on rather than writes: tool results, documents and the
 * text of batch files. Such content should carry no instructions at all, so it is read with rules for data
 * ({@link UntrustedContentInspector}) and, when it carries some, handled by this policy.
 *
 * @param policy   what to do when untrusted content carries instructions; default SANITIZE: the request still
 *                 works (an agent's loop is not broken by one suspicious page) while the content reaches the model
 *                 marked as data. The strictest of it, the team's and the route's untrusted policy and the caller's
 *                 injection policy applies, so untrusted content is never treated more leniently than the caller's
 *                 own words.
 * @param teams    untrusted-content policies per team name
 * @param routes   untrusted-content policies per Camel route id
 * @param datamark whether every piece of untrusted content is marked as data when sent, carrying instructions or
 *                 not; default false: marking costs tokens (a mark between every two words) and the detector's
 *                 verdict already marks what carries instructions
 * @param readPdfs whether the text of PDF documents is read ({@link dev.llmgateway.guard.text.PdfText}, with the
 *                 optional dependency Apache PDFBox); default true. When false a PDF passes unread, named by its kind
 *                 and hash.
 */
public record UntrustedContentSettings(InjectionPolicy policy, Map<String, InjectionPolicy> teams,
                                       Map<String, InjectionPolicy> routes, Boolean datamark, Boolean readPdfs) {

    public UntrustedContentSettings {
        policy = policy == null ? InjectionPolicy.SANITIZE : policy;
        teams = teams == null ? Map.of() : Map.copyOf(teams);
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        datamark = datamark != null && datamark;
        readPdfs = readPdfs == null || readPdfs;
    }

    public static UntrustedContentSettings defaults() {
        return new UntrustedContentSettings(null, null, null, null, null);
    }

    /** @param callerPolicy the injection policy for the caller's own words, the least strict this may be */
    public InjectionPolicy policyFor(String team, String routeId, InjectionPolicy callerPolicy) {
        return policy.stricter(callerPolicy)
                .stricter(team == null ? null : teams.get(team))
                .stricter(routeId == null ? null : routes.get(routeId));
    }
}
