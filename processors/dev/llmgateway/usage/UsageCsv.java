package dev.llmgateway.usage;

import java.util.ArrayList;
import java.util.List;

/**
 * A usage report as CSV (RFC 4180): a header, then one line per row of the report. Values a spreadsheet would run
 * as a formula (a model name a caller sent, starting with '=') are prefixed with an apostrophe.
 */
public final class UsageCsv {

    private static final List<String> FIGURES = List.of("requests", "input_tokens", "output_tokens",
            "cache_read_tokens", "cache_write_tokens", "cost_usd", "cache_hits", "saved_cost_usd", "errors", "throttles");

    private UsageCsv() {
    }

    public static String of(UsageReport report) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        report.query().groupBy().forEach(dimension -> header.add(dimension.label()));
        header.addAll(FIGURES);
        line(csv, header);
        for (UsageReport.Row row : report.rows()) {
            List<String> cells = new ArrayList<>(row.keys().values());
            UsageFigures f = row.figures();
            cells.addAll(List.of(Long.toString(f.requests()), Long.toString(f.inputTokens()),
                    Long.toString(f.outputTokens()), Long.toString(f.cacheReadTokens()),
                    Long.toString(f.cacheWriteTokens()), f.costUsd().toPlainString(), Long.toString(f.cacheHits()),
                    f.savedCostUsd().toPlainString(), Long.toString(f.errors()), Long.toString(f.throttles())));
            line(csv, cells);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            csv.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r");
        return quote ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
