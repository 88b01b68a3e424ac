package dev.llmgateway.report;

import dev.llmgateway.usage.UsageFigures;
import dev.llmgateway.usage.UsageReport;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** A usage report as a table for people: the period and filters, a column per dimension and figure, a total. */
final class UsageTable {

    private static final List<String> FIGURES = List.of("REQUESTS", "INPUT TOKENS", "OUTPUT TOKENS", "CACHE READ",
            "CACHE WRITE", "COST USD", "CACHE HITS", "SAVED USD", "ERRORS", "THROTTLED");

    private UsageTable() {
    }

    static String of(UsageReport report) {
        List<String> header = new ArrayList<>();
        report.query().groupBy().forEach(dimension -> header.add(dimension.label().toUpperCase()));
        header.addAll(FIGURES);
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        for (UsageReport.Row row : report.rows()) {
            List<String> cells = new ArrayList<>();
            row.keys().values().forEach(value -> cells.add(value == null ? "-" : value));
            cells.addAll(figures(row.figures()));
            lines.add(cells);
        }
        if (!report.query().groupBy().isEmpty()) {
            List<String> total = new ArrayList<>();
            for (int i = 0; i < report.query().groupBy().size(); i++) {
                total.add(i == 0 ? "TOTAL" : "");
            }
            total.addAll(figures(report.totals()));
            lines.add(total);
        }
        return title(report) + align(lines, report.query().groupBy().size());
    }

    private static String title(UsageReport report) {
        var query = report.query();
        return "Usage from " + query.from() + " to " + query.to() + " (not included)"
                + (query.team() == null ? "" : ", team " + query.team())
                + (query.feature() == null ? "" : ", feature " + query.feature()) + "\n\n";
    }

    private static List<String> figures(UsageFigures f) {
        return List.of(Long.toString(f.requests()), Long.toString(f.inputTokens()), Long.toString(f.outputTokens()),
                Long.toString(f.cacheReadTokens()), Long.toString(f.cacheWriteTokens()),
                f.costUsd().setScale(4, RoundingMode.HALF_UP).toPlainString(), Long.toString(f.cacheHits()),
                f.savedCostUsd().setScale(4, RoundingMode.HALF_UP).toPlainString(), Long.toString(f.errors()),
                Long.toString(f.throttles()));
    }

    /** Dimensions are left-aligned, figures right-aligned, columns two spaces apart. */
    private static String align(List<List<String>> lines, int dimensions) {
        int[] widths = new int[lines.get(0).size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String format = "%" + (i < dimensions ? "-" : "") + widths[i] + "s";
                text.append(i == 0 ? "" : "  ").append(format.formatted(line.get(i)));
            }
            table.append(text.toString().stripTrailing()).append('\n');
        }
        return table.toString();
    }
}
