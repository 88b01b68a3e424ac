package dev.llmgateway.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.keys.RunningGateway;
import dev.llmgateway.usage.UsageDimension;
import dev.llmgateway.usage.UsageFigures;
import dev.llmgateway.usage.UsageQuery;
import dev.llmgateway.usage.UsageReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A usage report from a running gateway's usage API ({@code GET /v1/usage} with the admin token, which sees every
 * team), read back from its JSON into the report the command prints. The query goes with its period resolved
 * (instants), so the gateway's clock cannot change it.
 */
final class UsageOverHttp {

    private UsageOverHttp() {
    }

    static UsageReport report(RunningGateway gateway, UsageQuery query) {
        return fromJson(gateway.ok(gateway.get("/v1/usage?" + queryString(query))), query);
    }

    static String queryString(UsageQuery query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from", query.from().toString());
        parameters.put("to", query.to().toString());
        if (!query.groupBy().isEmpty()) {
            parameters.put("group_by", query.groupBy().stream().map(UsageDimension::label)
                    .collect(Collectors.joining(",")));
        }
        if (query.team() != null) {
            parameters.put("team", query.team());
        }
        if (query.feature() != null) {
            parameters.put("feature", query.feature());
        }
        parameters.put("format", "json");
        return parameters.entrySet().stream().map(p -> p.getKey() + "=" + RunningGateway.encode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** @param query what was asked (the gateway answers exactly that: the JSON repeats it) */
    static UsageReport fromJson(JsonNode body, UsageQuery query) {
        List<UsageReport.Row> rows = new ArrayList<>();
        for (JsonNode item : body.path("data")) {
            Map<UsageDimension, String> keys = new LinkedHashMap<>();
            for (UsageDimension dimension : query.groupBy()) {
                JsonNode value = item.path(dimension.label());
                keys.put(dimension, value.isNull() || value.isMissingNode() ? null : value.asText());
            }
            rows.add(new UsageReport.Row(keys, figures(item)));
        }
        return new UsageReport(query, figures(body.path("totals")), rows);
    }

    private static UsageFigures figures(JsonNode figures) {
        return new UsageFigures(figures.path("requests").asLong(), figures.path("input_tokens").asLong(),
                figures.path("output_tokens").asLong(), figures.path("cache_read_tokens").asLong(),
                figures.path("cache_write_tokens").asLong(), figures.path("cost_usd").decimalValue(),
                figures.path("cache_hits").asLong(), figures.path("saved_cost_usd").decimalValue(),
                figures.path("errors").asLong(), figures.path("throttles").asLong());
    }
}
