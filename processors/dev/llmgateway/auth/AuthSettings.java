package dev.llmgateway.auth;

import java.util.List;

/**
 * @param adminToken    the credential for /admin/* (plain, or sha256:hex); empty: the admin API is off
 * @param featureHeader request header naming the feature a call is for
 * @param keys          keys stored at start when missing (a revoked one stays revoked)
 */
public record AuthSettings(String adminToken, String featureHeader, List<SeedKey> keys) {

    public AuthSettings {
        adminToken = adminToken == null ? "" : adminToken;
        featureHeader = featureHeader == null || featureHeader.isBlank() ? "X-Feature" : featureHeader;
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public boolean adminEnabled() {
        return !adminToken.isBlank();
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
