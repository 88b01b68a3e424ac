package dev.llmgateway.admin;

import dev.llmgateway.auth.ApiKeySecrets;
import dev.llmgateway.chat.GatewayException;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Lets a request into the admin API only with the admin credential ({@code Authorization: Bearer <token>}). */
public class AdminAuthenticator implements Processor {

    /** The exchange property naming who makes an admin change, for the audit trail. */
    public static final String ACTOR = "llmgw.adminActor";
    /** The actor of a change made with the admin token (the only admin credential). */
    public static final String ADMIN_TOKEN = "admin-token";
    private static final String BEARER = "Bearer ";

    /** The hash of the admin token, or null when the admin API is off. */
    private final String tokenHash;

    public AdminAuthenticator(String adminToken) {
        this.tokenHash = adminToken == null || adminToken.isBlank() ? null : ApiKeySecrets.hashOfConfigured(adminToken);
    }

    @Override
    public void process(Exchange exchange) {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        if (tokenHash == null) {
            throw new GatewayException(403, "permission_error", "admin_api_disabled",
                    "The admin API is off. Set auth.adminToken (or LLMGW_AUTH_ADMINTOKEN) and restart to use it.");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new GatewayException(401, "authentication_error", "missing_admin_token",
                    "The admin API needs the admin token as 'Authorization: Bearer <token>'.",
                    Map.of("WWW-Authenticate", "Bearer"), null);
        }
        String presented = authorization.substring(BEARER.length()).trim();
        if (!ApiKeySecrets.sameHash(ApiKeySecrets.hash(presented), tokenHash)) {
            throw new GatewayException(401, "authentication_error", "invalid_admin_token",
                    "The admin token is not valid.", Map.of("WWW-Authenticate", "Bearer"), null);
        }
        exchange.setProperty(ACTOR, ADMIN_TOKEN);
    }

    /** @return who makes the admin change on this exchange */
    public static String actor(Exchange exchange) {
        return exchange.getProperty(ACTOR, ADMIN_TOKEN, String.class);
    }
}
