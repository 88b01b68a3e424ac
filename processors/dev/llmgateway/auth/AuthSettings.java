package dev.llmgateway.auth;

import java.util.List;

/**
 * @param adminToken    the credential for /admin/* (plain, or sha256:hex); empty: the admin API is off
 * @param featureHeader request header naming the feature a call is for
 * @param keys          keys stored at start when missing (a revoked one stays revoked)
 * @param admins        named admin credentials, each as good as the admin token; the audit trail names who used one
 */
public record AuthSettings(String adminToken, String featureHeader, List<SeedKey> keys, List<Admin> admins) {

    public AuthSettings {
        adminToken = adminToken == null ? "" : adminToken;
        featureHeader = featureHeader == null || featureHeader.isBlank() ? "X-Feature" : featureHeader;
        keys = keys == null ? List.of() : List.copyOf(keys);
        admins = admins == null ? List.of() : List.copyOf(admins);
    }

    /** @return whether any admin credential is configured (the admin API is on) */
    public boolean adminEnabled() {
        return !adminToken.isBlank() || !admins.isEmpty();
    }

    /**
     * @param name  who holds the credential, as the audit trail names them
     * @param token the credential (plain, or sha256:hex of it)
     */
    public record Admin(String name, String token) {
    }

    /**
     * @param team    the key's team
     * @param name    what the key is for
     * @param key     the key (plain, or sha256:hex)
     * @param feature default feature tag, may be null
     */
    public record SeedKey(String team, String name, String key, String feature) {
    }
}
