package dev.llmgateway.keys;

import dev.llmgateway.auth.ApiKey;
import dev.llmgateway.auth.ApiKeys;
import java.util.List;
import java.util.Optional;

/** What the {@code keys} command does to keys: straight in the database, or through a running gateway's admin API. */
interface KeyStore {

    ApiKeys.Created create(String team, String name, String feature);

    /** @param team only this team's keys, or null for every key */
    List<ApiKey> list(String team);

    /** @return the revoked key, or empty when there is no key with that id */
    Optional<ApiKey> revoke(String id);

    static KeyStore of(ApiKeys keys) {
        return new KeyStore() {
            @Override
            public ApiKeys.Created create(String team, String name, String feature) {
                return keys.create(team, name, feature);
            }

            @Override
            public List<ApiKey> list(String team) {
                return keys.list(team);
            }

            @Override
            public Optional<ApiKey> revoke(String id) {
                return keys.revoke(id);
            }
        };
    }
}
