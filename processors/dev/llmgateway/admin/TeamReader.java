package dev.llmgateway.admin;

import dev.llmgateway.http.JsonResponses;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code GET /admin/teams/{team}}: a team's settings and this month's spend against its budgets. */
public class TeamReader implements Processor {

    private final TeamAdmin teams;

    public TeamReader(TeamAdmin teams) {
        this.teams = teams;
    }

    @Override
    public void process(Exchange exchange) {
        JsonResponses.write(exchange, 200, teams.show(TeamAdmin.team(exchange)));
    }
}
