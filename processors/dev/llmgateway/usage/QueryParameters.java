package dev.llmgateway.usage;

import dev.llmgateway.chat.GatewayException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A raw query string as parameters, each given at most once and each one the endpoint knows. */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static Map<String, String> parse(String rawQuery, Set<String> known, String endpoint) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!known.contains(name)) {
                throw invalid("Unknown parameter '" + name + "'; " + endpoint + " takes " + String.join(", ", known)
                        + ".");
            }
            if (parameters.putIfAbsent(name, value) != null) {
                throw invalid("'" + name + "' is given more than once; give it once (group_by takes a comma-separated "
                        + "list).");
            }
        }
        return parameters;
    }

    /** The HTTP server has already refused a query string with broken escapes. */
    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    static GatewayException invalid(String message) {
        return GatewayException.invalidRequest("invalid_parameter", message);
    }
}
