package dev.llmgateway.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A usage report as JSON: {@code {"object": "usage", "from", "to", "group_by", "team", "feature", "totals": {...},
 * "data": [{<dimension>: value, ..., <figures>}]}}. Dollar amounts are plain decimal numbers, never exponents.
 */
public final class UsageJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private UsageJson() {
    }

    public static byte[] bytes(UsageReport report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(of(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a usage report as JSON", e);
        }
    }

    static Map<String, Object> of(UsageReport report) {
        UsageQuery query = report.query();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "usage");
        body.put("from", query.from().toString());
        body.put("to", query.to().toString());
        body.put("group_by", query.groupBy().stream().map(UsageDimension::label).toList());
        body.put("team", query.team());
        body.put("feature", query.feature());
        body.put("totals", figures(new LinkedHashMap<>(), report.totals()));
        List<Map<String, Object>> data = report.rows().stream().map(row -> {
            Map<String, Object> item = new LinkedHashMap<>();
            row.keys().forEach((dimension, value) -> item.put(dimension.label(), value));
            return figures(item, row.figures());
        }).toList();
        body.put("data", data);
        return body;
    }

    private static Map<String, Object> figures(Map<String, Object> into, UsageFigures figures) {
        into.put("requests", figures.requests());
        into.put("input_tokens", figures.inputTokens());
        into.put("output_tokens", figures.outputTokens());
        into.put("cache_read_tokens", figures.cacheReadTokens());
        into.put("cache_write_tokens", figures.cacheWriteTokens());
        into.put("cost_usd", figures.costUsd());
        into.put("cache_hits", figures.cacheHits());
        into.put("saved_cost_usd", figures.savedCostUsd());
        into.put("errors", figures.errors());
        into.put("throttles", figures.throttles());
        return into;
    }
}
