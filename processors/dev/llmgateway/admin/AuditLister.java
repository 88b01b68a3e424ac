package dev.llmgateway.admin;

import dev.llmgateway.audit.AuditEntry;
import dev.llmgateway.audit.AuditTrail;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.http.JsonResponses;
import dev.llmgateway.usage.QueryParameters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code GET /admin/audit[?team=T][&from=..][&to=..][&limit=N]}: the admin changes, newest first; {@code from} and
 * {@code to} are UTC dates or instants ({@code to} not included), {@code limit} 1 to 1000 (default 100).
 */
public class AuditLister implements Processor {

    private static final Set<String> PARAMETERS = Set.of("team", "from", "to", "limit");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final AuditTrail audit;

    public AuditLister(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, String> query = QueryParameters.parse(exchange.getMessage().getHeader(Exchange.HTTP_QUERY,
                String.class), PARAMETERS, "GET /admin/audit");
        Instant from = instant(query, "from");
        Instant to = instant(query, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw GatewayException.invalidRequest("invalid_parameter", "'from' (" + from + ") must be before 'to' ("
                    + to + "); 'to' is not included.");
        }
        var data = audit.list(query.get("team"), from, to, limit(query)).stream().map(AuditLister::view).toList();
        JsonResponses.write(exchange, 200, Map.of("object", "list", "data", data));
    }

    private static Instant instant(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalidRequest("invalid_parameter", "'" + name + "' must be a UTC date "
                    + "(2026-12-01) or instant (2026-12-01T09:30:00Z).");
        }
    }

    private static int limit(Map<String, String> query) {
        String value = query.get("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, as out of range
        }
        throw GatewayException.invalidRequest("invalid_parameter", "'limit' must be a whole number from 1 to "
                + MAX_LIMIT + ".");
    }

    private static Map<String, Object> view(AuditEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("changed_at", entry.changedAt().toString());
        view.put("actor", entry.actor());
        view.put("action", entry.action());
        view.put("team", entry.team());
        view.put("target", entry.target());
        view.put("before", entry.before());
        view.put("after", entry.after());
        return view;
    }
}
