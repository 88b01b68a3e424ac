package dev.llmgateway.usage;

import java.time.Instant;
import java.util.List;

/**
 * A usage report to make.
 *
 * @param from    first instant counted
 * @param to      end of the period (not counted)
 * @param groupBy dimensions to group by, in order; none: totals only
 * @param team    only this team's calls, or null for every team
 * @param feature only calls for this feature, or null for all
 */
public record UsageQuery(Instant from, Instant to, List<UsageDimension> groupBy, String team, String feature) {

    public UsageQuery {
        groupBy = List.copyOf(groupBy);
    }
}
