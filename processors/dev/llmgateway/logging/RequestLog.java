package dev.llmgateway.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.llmgateway.guard.pii.FailClosedLogRedactor;
import dev.llmgateway.guard.pii.PiiSettings;
import dev.llmgateway.record.CallContent;
import dev.llmgateway.record.CallRecord;
import dev.llmgateway.record.CallRecordListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one JSON line per finished call to the logger {@value #LOGGER}, so operators can send it wherever their
 * log4j2 configuration routes that logger. Carries ids, never the API key; bodies only when asked, always redacted.
 */
public class RequestLog implements CallRecordListener {

    /** The logger the lines go to. */
    public static final String LOGGER = "llmgateway.requests";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    /** Dollars as plain decimals (0.0000125, not 1.25E-5), for log tools that read numbers naively. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    /** Caller names remembered as clean: the same few aliases come on every call, and redacting one costs 20 µs. */
    private static final int MAX_CLEAN_NAMES = 1_000;

    private final BodyExcerpt bodies;
    /** For the names a caller chose (model alias, template), which are any string until they are looked up. */
    private final FailClosedLogRedactor callerNames;
    /** Names in which redaction found nothing; only those, so no personal data is kept here either. */
    private final Set<String> cleanNames = ConcurrentHashMap.newKeySet();

    /** @param pii the detectors the bodies and the caller's names are redacted with */
    public RequestLog(RequestLogSettings settings, PiiSettings pii) {
        this.bodies = settings.bodies() ? new BodyExcerpt(pii, settings.maxBodyChars()) : null;
        this.callerNames = new FailClosedLogRedactor(pii);
    }

    @Override
    public void recorded(CallRecord record) {
        recorded(record, CallContent.NONE);
    }

    @Override
    public void recorded(CallRecord record, CallContent content) {
        if (LOG.isInfoEnabled()) {
            try {
                LOG.info(JSON.writeValueAsString(line(record, content)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the request log line", e);
            }
        }
    }

    Map<String, Object> line(CallRecord record, CallContent content) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", record.receivedAt().toString());
        line.put("requestId", record.requestId());
        line.put("route", record.route());
        line.put("team", record.team());
        line.put("feature", record.feature());
        line.put("keyId", record.keyId());
        line.put("model", callerName(record.modelAlias()));
        if (record.fallbackFrom() != null) {
            line.put("fallbackFrom", record.fallbackFrom());
        }
        line.put("modelId", record.modelId());
        line.put("region", record.region());
        line.put("template", callerName(record.template()));
        line.put("stream", record.streamed());
        line.put("inputTokens", record.inputTokens());
        line.put("outputTokens", record.outputTokens());
        line.put("cacheReadTokens", record.cacheReadTokens());
        line.put("cacheWriteTokens", record.cacheWriteTokens());
        line.put("costUsd", record.costUsd());
        line.put("cache", record.cacheHit());
        line.put("savedCostUsd", record.savedCostUsd());
        line.put("latencyMs", record.latencyMs());
        line.put("timeToFirstTokenMs", record.timeToFirstTokenMs());
        line.put("upstreamMs", record.upstreamMs());
        line.put("status", record.status());
        line.put("outcome", record.outcome());
        if (bodies != null) {
            line.put("prompt", bodies.ofPrompt(content.prompt()));
            line.put("answer", bodies.of(content.answer()));
        }
        return line;
    }

    private String callerName(String name) {
        if (name == null || cleanNames.contains(name)) {
            return name;
        }
        String redacted = callerNames.redact(name);
        if (redacted.equals(name) && cleanNames.size() < MAX_CLEAN_NAMES) {
            cleanNames.add(name);
        }
        return redacted;
    }
}
