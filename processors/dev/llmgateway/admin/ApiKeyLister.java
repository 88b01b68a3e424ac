package dev.llmgateway.admin;

import dev.llmgateway.http.JsonResponses;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code GET /admin/keys[?team=T]}: every key (revoked ones too), without secrets. */
public class ApiKeyLister implements Processor {

    private final KeyAdmin keys;

    public ApiKeyLister(KeyAdmin keys) {
        this.keys = keys;
    }

    @Override
    public void process(Exchange exchange) {
        String team = exchange.getMessage().getHeader("team", String.class);
        JsonResponses.write(exchange, 200, Map.of("object", "list",
                "data", keys.list(team == null || team.isBlank() ? null : team)));
    }
}
