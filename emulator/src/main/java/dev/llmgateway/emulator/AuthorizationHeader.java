package dev.llmgateway.emulator;

/**
 * Whether a runtime request carries credentials, which Bedrock checks before anything else. The emulator does not
 * verify signatures: an {@code Authorization} header of the SigV4 form ({@code AWS4-HMAC-SHA256 Credential=...}) or a
 * Bedrock API key ({@code Bearer ...}) will do. Without one, Bedrock answers 403 {@code MissingAuthenticationTokenException}.
 */
final class AuthorizationHeader {
    static final String NAME = "Authorization";
    static final String MISSING_TOKEN_ERROR_TYPE =
            "MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/";
    static final String MISSING_TOKEN_MESSAGE = "Missing Authentication Token";

    private AuthorizationHeader() {
    }

    static boolean carriesCredentials(String header) {
        if (header == null) {
            return false;
        }
        return header.startsWith("AWS4-HMAC-SHA256 ") && header.contains("Credential=")
                || header.startsWith("Bearer ") && !header.substring("Bearer ".length()).isBlank();
    }
}
