package dev.llmgateway.usage;

import dev.llmgateway.chat.Caller;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.TextResponses;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /v1/usage?from=&to=&group_by=&team=&feature=&format=json|csv}: the ledger's totals and groups over a
 * period, as JSON or CSV ({@code format}, else {@code Accept: text/csv}). An API key sees its own team only.
 */
public class UsageReportWriter implements Processor {

    private static final Set<String> PARAMETERS = new LinkedHashSet<>(
            List.of("from", "to", "group_by", "team", "feature", "format"));

    private final UsageStore store;
    private final Clock clock;

    public UsageReportWriter(UsageStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String accept = exchange.getMessage().getHeader("Accept", String.class);
        Map<String, String> parameters = QueryParameters.parse(
                exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class), PARAMETERS, "/v1/usage");
        boolean csv = wantsCsv(parameters.get("format"), accept);
        Caller caller = GatewayCall.of(exchange).caller();
        if (!caller.allTeams()) {
            parameters.put("team", ownTeam(caller.team(), parameters.get("team")));
        }
        UsageQuery query;
        try {
            query = UsageQueryParser.parse(parameters, clock.instant());
        } catch (InvalidUsageQuery e) {
            throw QueryParameters.invalid(e.getMessage());
        }
        UsageReport report = store.report(query);
        if (csv) {
            String file = "usage-" + query.from().toString().substring(0, 10) + "-"
                    + query.to().toString().substring(0, 10) + ".csv";
            TextResponses.write(exchange, 200, "text/csv; charset=utf-8",
                    UsageCsv.of(report).getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Disposition", "attachment; filename=\"" + file + "\""));
        } else {
            TextResponses.write(exchange, 200, "application/json", UsageJson.bytes(report), Map.of());
        }
    }

    private static boolean wantsCsv(String format, String accept) {
        if (format == null || format.isEmpty()) {
            return accept != null && accept.toLowerCase().contains("text/csv");
        }
        return switch (format) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw QueryParameters.invalid("'format' must be json or csv, not '" + format + "'.");
        };
    }

    private static String ownTeam(String team, String asked) {
        if (asked != null && !asked.isEmpty() && !asked.equals(team)) {
            throw new GatewayException(403, "permission_error", "team_not_allowed", "This API key belongs to team '"
                    + team + "' and sees that team's usage only; the admin token sees every team.");
        }
        return team;
    }
}
