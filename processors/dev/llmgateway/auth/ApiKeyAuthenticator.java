package dev.llmgateway.auth;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Identifies the caller by its API key ({@code Authorization: Bearer ...} or {@code x-api-key}) and attributes the
 * call to the key's team and a feature. The key headers are removed from the message once read.
 */
public class ApiKeyAuthenticator implements Processor {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final String featureHeader;

    public ApiKeyAuthenticator(ApiKeys keys, String featureHeader) {
        this.keys = keys;
        this.featureHeader = featureHeader;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String presented = presentedKey(message);
        message.removeHeader("Authorization");
        message.removeHeader("x-api-key");
        if (presented == null) {
            throw unauthorized("missing_api_key", "No API key was sent. Send it as 'Authorization: Bearer <key>' "
                    + "or 'x-api-key: <key>'; your platform team issues keys.");
        }
        ApiKey key = usable(keys.findByPresented(ApiKeySecrets.hash(presented)).orElseThrow(() -> unauthorized(
                "invalid_api_key", "The API key is not valid. Check the key, or ask your platform team for one.")));
        GatewayCall.of(exchange).identify(Caller.of(key.team(), key.id(), feature(message, key), key.models())
                .withKeyRateLimits(key.rateLimits().requestsPerMinute(), key.rateLimits().tokensPerMinute()));
    }

    /** @return the key, unless it is revoked, expired, or the secret is one a rotation replaced, past its grace */
    private static ApiKey usable(ApiKeys.Match match) {
        ApiKey key = match.key();
        Instant now = Instant.now();
        if (key.revoked()) {
            throw unauthorized("revoked_api_key", "The API key " + key.id() + " was revoked at " + key.revokedAt()
                    + ". Ask your platform team for a new one.");
        }
        if (key.expired(now)) {
            throw unauthorized("expired_api_key", "The API key " + key.id() + " expired at " + key.expiresAt()
                    + ". Ask your platform team for a new one.");
        }
        if (match.previousSecret() && !now.isBefore(key.previousValidUntil())) {
            throw unauthorized("rotated_api_key", "This secret of the API key " + key.id() + " was replaced by a new "
                    + "one and stopped working at " + key.previousValidUntil() + ". Use the key's new secret.");
        }
        return key;
    }

    private static String presentedKey(Message message) {
        String authorization = message.getHeader("Authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String key = authorization.substring(BEARER.length()).trim();
            return key.isEmpty() ? null : key;
        }
        String apiKey = message.getHeader("x-api-key", String.class);
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    private String feature(Message message, ApiKey key) {
        String requested = message.getHeader(featureHeader, String.class);
        if (requested == null || requested.isBlank()) {
            return key.defaultFeature() == null ? "default" : key.defaultFeature();
        }
        if (!Names.valid(requested)) {
            throw GatewayException.invalidRequest("invalid_feature",
                    "The " + featureHeader + " header must be " + Names.rule() + ".");
        }
        return requested;
    }

    private static GatewayException unauthorized(String code, String message) {
        return new GatewayException(401, "authentication_error", code, message,
                Map.of("WWW-Authenticate", "Bearer"), null);
    }
}
