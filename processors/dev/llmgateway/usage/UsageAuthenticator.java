package dev.llmgateway.usage;

import dev.llmgateway.auth.ApiKeyAuthenticator;
import dev.llmgateway.auth.ApiKeySecrets;
import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Lets the admin token ({@code Authorization: Bearer <token>}) see every team's usage; anything else must be an API
 * key, whose team is the only one it sees.
 */
public class UsageAuthenticator implements Processor {

    private static final String BEARER = "Bearer ";

    /** The hash of the admin token, or null when the admin API is off. */
    private final String adminTokenHash;
    private final ApiKeyAuthenticator apiKeys;

    public UsageAuthenticator(String adminToken, ApiKeyAuthenticator apiKeys) {
        this.adminTokenHash = adminToken == null || adminToken.isBlank() ? null
                : ApiKeySecrets.hashOfConfigured(adminToken);
        this.apiKeys = apiKeys;
    }

    @Override
    public void process(Exchange exchange) {
        if (presentsAdminToken(exchange.getMessage().getHeader("Authorization", String.class))) {
            exchange.getMessage().removeHeader("Authorization");
            GatewayCall.of(exchange).identify(Caller.admin());
        } else {
            apiKeys.process(exchange);
        }
    }

    private boolean presentsAdminToken(String authorization) {
        if (adminTokenHash == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        String presented = authorization.substring(BEARER.length()).trim();
        return ApiKeySecrets.sameHash(ApiKeySecrets.hash(presented), adminTokenHash);
    }
}
