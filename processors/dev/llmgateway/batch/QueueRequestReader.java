package dev.llmgateway.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.auth.Names;
import dev.llmgateway.chat.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads a summary request from the queue: a JSON object
 * {@code {"id", "text", "team"?, "feature"?, "model"?, "instructions"?}}. Team, feature, model and instructions
 * default to the batch settings. Anything else (not JSON, a missing or mistyped field, an unknown field, an invalid
 * team name, too large) is rejected with the reason, and so goes to the dead letters at once.
 */
public class QueueRequestReader implements Processor {

    static final String SOURCE = "queue";
    private static final Set<String> FIELDS = Set.of("id", "text", "team", "feature", "model", "instructions");
    private static final int MAX_ID_LENGTH = 200;

    private final BatchSettings settings;
    private final BatchProgress progress;

    public QueueRequestReader(BatchSettings settings, BatchProgress progress) {
        this.settings = settings;
        this.progress = progress;
    }

    @Override
    public void process(Exchange exchange) {
        BatchJob.start(exchange);
        BatchJob.of(exchange).setDocumentId(                "message " + exchange.getMessage().getHeader("JMSMessageID", String.class));
        try {
            BatchJob.of(exchange).setDocument(read(exchange, exchange.getMessage().getBody(String.class)));
        } finally {
            progress.queued(SOURCE, BatchJob.of(exchange).documentId());
        }
    }

    private Document read(Exchange exchange, String body) {
        if (body == null || body.isBlank()) {
            throw rejected("The message has no body; send a JSON summary request.");
        }
        // A char is at most 3 bytes in UTF-8, so most bodies need no encoding to be measured.
        if (body.length() * 3L > settings.maxDocumentBytes()
                && body.getBytes(StandardCharsets.UTF_8).length > settings.maxDocumentBytes()) {
            throw new DocumentRejectedException("document_too_large", "The message is larger than the largest document "
                    + "accepted, " + settings.maxDocumentBytes() + " bytes (batch.maxDocumentBytes).");
        }
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw rejected("The message is not JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw rejected("The message must be a JSON object with id and text.");
        }
        String id = required(request, "id");
        if (id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw rejected("id must be at most " + MAX_ID_LENGTH + " characters with no control characters.");
        }
        BatchJob.of(exchange).setDocumentId( id);
        List<String> unknown = new ArrayList<>();
        request.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw rejected("Unknown fields " + unknown + "; a request has id, text, and optionally team, feature, "
                    + "model and instructions.");
        }
        String text = DocumentText.require(required(request, "text"), id);
        return new Document(id, text, optional(request, "model", settings.model()),
                name(request, "team", settings.team()), name(request, "feature", settings.feature()),
                optional(request, "instructions", settings.instructions()));
    }

    private static String required(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw rejected(field + " is required and must be a non-empty string.");
        }
        return value.asText();
    }

    private static String optional(JsonNode request, String field, String fallback) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw rejected(field + " must be a non-empty string when given.");
        }
        return value.asText();
    }

    private static String name(JsonNode request, String field, String fallback) {
        String name = optional(request, field, fallback);
        if (!Names.valid(name)) {
            throw rejected(field + " must be " + Names.rule() + ".");
        }
        return name;
    }

    private static DocumentRejectedException rejected(String message) {
        return new DocumentRejectedException("invalid_request", message);
    }
}
