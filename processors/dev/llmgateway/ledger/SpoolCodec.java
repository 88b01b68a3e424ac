package dev.llmgateway.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.chat.Json;
import dev.llmgateway.record.CallRecord;
import java.math.BigDecimal;
import java.time.Instant;

/** One ledger entry as one line of JSON in the spool; amounts are strings so they come back to the last digit. */
final class SpoolCodec {

    private SpoolCodec() {
    }

    static String encode(LedgerEntry entry) {
        CallRecord r = entry.record();
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("entry_id", entry.entryId());
        line.put("received_at", r.receivedAt().toString());
        line.put("request_id", r.requestId());
        line.put("route", r.route());
        line.put("team", r.team());
        line.put("feature", r.feature());
        line.put("key_id", r.keyId());
        line.put("model_alias", r.modelAlias());
        line.put("model_id", r.modelId());
        line.put("region", r.region());
        line.put("template", r.template());
        line.put("streamed", r.streamed());
        line.put("input_tokens", r.inputTokens());
        line.put("output_tokens", r.outputTokens());
        line.put("cache_read_tokens", r.cacheReadTokens());
        line.put("cache_write_tokens", r.cacheWriteTokens());
        line.put("cost_usd", r.costUsd() == null ? null : r.costUsd().toPlainString());
        line.put("cache_hit", r.cacheHit());
        line.put("saved_cost_usd", r.savedCostUsd() == null ? null : r.savedCostUsd().toPlainString());
        line.put("latency_ms", r.latencyMs());
        line.put("time_to_first_token_ms", r.timeToFirstTokenMs());
        line.put("status", r.status());
        line.put("outcome", r.outcome());
        line.put("fallback_from", r.fallbackFrom());
        return line.toString();
    }

    /** @throws RuntimeException when the line is not a whole entry (a write cut short by a crash) */
    static LedgerEntry decode(String text) {
        JsonNode line;
        try {
            line = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (line == null || !line.hasNonNull("entry_id") || !line.hasNonNull("received_at")) {
            throw new IllegalArgumentException("not a ledger entry");
        }
        CallRecord record = new CallRecord(Instant.parse(line.get("received_at").asText()), text(line, "request_id"),
                text(line, "route"), text(line, "team"), text(line, "feature"), text(line, "key_id"),
                text(line, "model_alias"), text(line, "model_id"), text(line, "region"), text(line, "template"),
                line.path("streamed").asBoolean(), line.path("input_tokens").asLong(),
                line.path("output_tokens").asLong(), line.path("cache_read_tokens").asLong(),
                line.path("cache_write_tokens").asLong(), amount(line, "cost_usd"), text(line, "cache_hit"),
                amount(line, "saved_cost_usd"), line.path("latency_ms").asLong(),
                line.path("time_to_first_token_ms").asLong(), null /* upstreamMs: not a ledger column */,
                line.path("status").asInt(), text(line, "outcome"), text(line, "fallback_from"));
        return new LedgerEntry(line.get("entry_id").asText(), record);
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static BigDecimal amount(JsonNode line, String field) {
        String value = text(line, field);
        return value == null ? null : new BigDecimal(value);
    }
}
