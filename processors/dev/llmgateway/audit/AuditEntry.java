package dev.llmgateway.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One change made through the admin API.
 *
 * @param id        time-ordered id
 * @param changedAt when
 * @param actor     who: the credential the change was made with ("admin-token", or "configuration" for the seed)
 * @param action    what: team.create, team.update, team.delete, key.create, key.revoke
 * @param team      the team the change concerns
 * @param target    the object changed: a team name or a key id
 * @param before    the object before the change as the admin API shows it (never a key's secret), null when created
 * @param after     the object after the change, null when deleted
 */
public record AuditEntry(String id, Instant changedAt, String actor, String action, String team, String target,
                         Map<String, Object> before, Map<String, Object> after) {
}
