package dev.llmgateway.auth;

import java.time.Instant;

/**
 * A stored API key, without the key itself (only its hash is kept).
 *
 * @param id             public identifier, safe to log and to show (key_...)
 * @param prefix         the key's first characters, so an owner can tell their keys apart
 * @param team           the team the key's calls are attributed to
 * @param name           what the key is for (a service, a person)
 * @param defaultFeature feature tag for calls that send no X-Feature header; null: "default"
 * @param createdAt      when it was created
 * @param revokedAt      when it was revoked, or null while it works
 */
public record ApiKey(String id, String prefix, String team, String name, String defaultFeature, Instant createdAt,
                     Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
