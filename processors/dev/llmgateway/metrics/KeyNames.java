package dev.llmgateway.metrics;

import dev.llmgateway.auth.ApiKey;
import dev.llmgateway.auth.ApiKeys;
import java.util.Optional;

/**
 * What {@link MetricLabels} may ask about the API keys: a key's team and default feature may be label values, as only
 * the admin creates keys, so there are as many of them as keys, whatever callers send.
 */
public interface KeyNames {

    /** No keys known: only configured names become labels. */
    KeyNames NONE = new KeyNames() {
        @Override
        public Optional<ApiKey> key(String keyId) {
            return Optional.empty();
        }

        @Override
        public boolean teamHasKey(String team) {
            return false;
        }
    };

    /** @return the key with this id (revoked or not), if there is one */
    Optional<ApiKey> key(String keyId);

    /** @return whether some key (revoked or not) belongs to this team */
    boolean teamHasKey(String team);

    /** @return the names of the keys in this store (each question reads it: {@link MetricLabels} keeps the answers) */
    static KeyNames of(ApiKeys keys) {
        return new KeyNames() {
            @Override
            public Optional<ApiKey> key(String keyId) {
                return keys.find(keyId);
            }

            @Override
            public boolean teamHasKey(String team) {
                return !keys.list(team).isEmpty();
            }
        };
    }
}
