package dev.llmgateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.chat.GatewayException;
import java.util.Iterator;
import java.util.List;

/** Refuses a JSON object with a field its endpoint does not know, naming it and the nearest known one. */
public final class KnownFields {

    private static final int MAX_QUOTED = 64;

    private KnownFields() {
    }

    /** @param what what the fields are of, as the message names it ("a team setting") */
    public static void refuseOthers(JsonNode body, List<String> known, String what) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String quoted = name.length() > MAX_QUOTED ? name.substring(0, MAX_QUOTED) + "..." : name;
                String hint = NearestName.nearest(quoted, known).filter(m -> m.likely(quoted))
                        .map(m -> " Did you mean '" + m.name() + "'?").orElse("");
                throw GatewayException.invalidRequest("unknown_field", "'" + quoted + "' is not " + what + "." + hint
                        + " The fields are: " + String.join(", ", known) + ".");
            }
        }
    }
}
