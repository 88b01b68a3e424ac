package dev.llmgateway.admin;

import dev.llmgateway.http.JsonResponses;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code GET /admin/teams}: every team's settings, by name. */
public class TeamLister implements Processor {

    private final TeamAdmin teams;

    public TeamLister(TeamAdmin teams) {
        this.teams = teams;
    }

    @Override
    public void process(Exchange exchange) {
        JsonResponses.write(exchange, 200, Map.of("object", "list", "data", teams.list()));
    }
}
