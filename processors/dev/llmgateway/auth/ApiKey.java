package dev.llmgateway.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
 * @param models         the model aliases the key may call (within its team's), or null: whatever its team may
 * @param expiresAt      when the key stops working, or null: never
 * @param previousValidUntil when the secret the key had before its last rotation stops working, or null
 * @param rateLimits     the key's own rate limits (fields null where {@code limits.perKey} applies)
 */
public record ApiKey(String id, String prefix, String team, String name, String defaultFeature, Instant createdAt,
                     Instant revokedAt, List<String> models, Instant expiresAt, Instant previousValidUntil,
                     KeyRateLimits rateLimits) {

    public ApiKey {
        models = models == null ? null : List.copyOf(models);
        rateLimits = rateLimits == null ? KeyRateLimits.none() : rateLimits;
    }

    /** A key that may call whatever its team may. */
    public ApiKey(String id, String prefix, String team, String name, String defaultFeature, Instant createdAt,
                  Instant revokedAt) {
        this(id, prefix, team, name, defaultFeature, createdAt, revokedAt, null, null, null, null);
    }

    /** @return this key with other models, expiry and own rate limits */
    public ApiKey withSettings(List<String> models, Instant expiresAt, KeyRateLimits rateLimits) {
        return new ApiKey(id, prefix, team, name, defaultFeature, createdAt, revokedAt, models, expiresAt,
                previousValidUntil, rateLimits);
    }

    /** @return whether the other key has the same models, expiry and own rate limits (what a PATCH changes) */
    public boolean sameSettings(ApiKey other) {
        return Objects.equals(models, other.models) && Objects.equals(expiresAt, other.expiresAt)
                && rateLimits.equals(other.rateLimits);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
