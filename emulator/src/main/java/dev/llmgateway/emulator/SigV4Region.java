package dev.llmgateway.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The region a client signed for, read from the SigV4 credential scope in its Authorization header. */
final class SigV4Region {
    static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/");

    private SigV4Region() {
    }

    static String of(String authorizationHeader) {
        if (authorizationHeader == null) {
            return DEFAULT_REGION;
        }
        Matcher m = CREDENTIAL_SCOPE.matcher(authorizationHeader);
        return m.find() ? m.group(1) : DEFAULT_REGION;
    }
}
