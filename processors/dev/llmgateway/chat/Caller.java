package dev.llmgateway.chat;

/**
 * Who makes a call.
 *
 * @param team     the team the call counts against; its limits and policies apply (null for the admin token)
 * @param keyId    the id of the API key the caller used (safe to log), or null for callers inside the process
 * @param feature  the feature the call is attributed to in the cost ledger
 * @param allTeams whether the caller sees every team's data (the admin token on the usage API)
 */
public record Caller(String team, String keyId, String feature, boolean allTeams) {

    /** A caller of one team. */
    public static Caller of(String team, String keyId, String feature) {
        return new Caller(team, keyId, feature, false);
    }

    /** The admin token: no team of its own, sees all of them. */
    public static Caller admin() {
        return new Caller(null, null, null, true);
    }
}
