package dev.llmgateway.admin;

import dev.llmgateway.audit.AuditEntry;
import dev.llmgateway.audit.AuditTrail;
import dev.llmgateway.chat.GatewayException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A question to the audit trail, as {@code GET /admin/audit} and the {@code audit} command take it: {@code team},
 * {@code from} and {@code to} (UTC dates or instants, {@code to} not included), {@code limit} (1 to 1000, default
 * 100); the answer is the entries as the API shows them, newest first.
 *
 * @param team  only this team's entries, or null
 * @param from  only entries at or after this instant, or null
 * @param to    only entries before this instant, or null
 * @param limit at most this many
 */
public record AuditQuery(String team, Instant from, Instant to, int limit) {

    public static final Set<String> PARAMETERS = Set.of("team", "from", "to", "limit");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    /** @param parameters by the names in {@link #PARAMETERS}; one left out is not a filter */
    public static AuditQuery of(Map<String, String> parameters) {
        Instant from = instant(parameters, "from");
        Instant to = instant(parameters, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw GatewayException.invalidRequest("invalid_parameter", "'from' (" + from + ") must be before 'to' ("
                    + to + "); 'to' is not included.");
        }
        return new AuditQuery(parameters.get("team"), from, to, limit(parameters));
    }

    /** @return the entries asked for, as the admin API answers: {@code {"object": "list", "data": [...]}} */
    public Map<String, Object> answer(AuditTrail audit) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("object", "list");
        answer.put("data", audit.list(team, from, to, limit).stream().map(AuditQuery::view).toList());
        return answer;
    }

    private static Instant instant(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
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

    private static int limit(Map<String, String> parameters) {
        String value = parameters.get("limit");
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
