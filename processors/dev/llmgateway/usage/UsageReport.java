package dev.llmgateway.usage;

import java.util.List;
import java.util.Map;

/**
 * A usage report: the totals over the period and one row per group (a single row without grouping).
 *
 * @param query  what was asked
 * @param totals every call of the period that the filters let through
 * @param rows   the groups, ordered by their keys
 */
public record UsageReport(UsageQuery query, UsageFigures totals, List<Row> rows) {

    /**
     * @param keys    the group's value of each dimension of the query, in its order (a value may be null: calls
     *                refused before authentication have no team, calls no region saw have no region)
     * @param figures what the group's calls added up to
     */
    public record Row(Map<UsageDimension, String> keys, UsageFigures figures) {
    }
}
