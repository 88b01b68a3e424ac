package dev.llmgateway.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.Json;
import dev.llmgateway.http.JsonBody;
import dev.llmgateway.http.JsonFields;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns {@code {"template": "summarize@3", "variables": {...}}} into an ordinary request of the API's shape, before
 * the API's reader sees it: the template's system prompt (which the caller cannot replace), the rendered user
 * message, and the template's model and parameters where the request does not set them. A request without
 * "template" passes untouched.
 */
public class PromptTemplateRenderer implements Processor {

    /** Where each API puts the system prompt. */
    public enum ApiShape { OPENAI, ANTHROPIC }

    private final PromptTemplates templates;
    private final ApiShape shape;

    public PromptTemplateRenderer(PromptTemplates templates, ApiShape shape) {
        this.templates = templates;
        this.shape = shape;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        if (raw == null || raw.length == 0) {
            return;
        }
        exchange.getMessage().setBody(raw);
        ObjectNode body = (ObjectNode) JsonBody.readObject(exchange);
        if (!body.has("template")) {
            return;
        }
        String reference = JsonFields.requiredString(body, "template");
        for (String field : List.of("messages", "system")) {
            if (body.has(field)) {
                throw GatewayException.invalidRequest("template_with_" + field, "Send either 'template' with "
                        + "'variables' or '" + field + "', not both: a template brings its own prompt.");
            }
        }
        PromptTemplates.Resolved resolved = templates.resolve(reference);
        PromptTemplate template = resolved.template();
        String user = TemplateText.render(template.user(), values(body, template, resolved.reference()));
        body.remove(List.of("template", "variables"));
        writeMessages(body, template.system(), user);
        if (!body.has("model") && template.model() != null) {
            body.put("model", template.model());
        }
        if (!body.has("max_tokens") && !body.has("max_completion_tokens") && template.maxTokens() != null) {
            body.put("max_tokens", template.maxTokens());
        }
        if (!body.has("temperature") && template.temperature() != null) {
            body.put("temperature", template.temperature());
        }
        GatewayCall.of(exchange).setTemplate(resolved.reference());
        exchange.getMessage().setBody(Json.bytes(body));
    }

    private static Map<String, String> values(ObjectNode body, PromptTemplate template, String reference) {
        JsonNode given = body.get("variables");
        if (given != null && !given.isNull() && !given.isObject()) {
            throw JsonFields.wrongType("variables", "an object of names to strings", given);
        }
        Map<String, String> values = new HashMap<>(template.defaults());
        if (given != null && given.isObject()) {
            given.fields().forEachRemaining(field -> {
                if (!field.getValue().isTextual() && !field.getValue().isNumber()) {
                    throw JsonFields.wrongType("variables." + field.getKey(), "a string or a number", field.getValue());
                }
                values.put(field.getKey(), field.getValue().asText());
            });
        }
        Set<String> needed = TemplateText.variables(template.user());
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw GatewayException.invalidRequest("missing_variables", "Template " + reference
                    + " needs variables that were not given: " + String.join(", ", missing) + ".");
        }
        Set<String> unknown = new TreeSet<>(given == null || !given.isObject() ? Set.of() : fieldNames(given));
        unknown.removeAll(needed);
        if (!unknown.isEmpty()) {
            throw GatewayException.invalidRequest("unknown_variables", "Template " + reference
                    + " has no variables named " + String.join(", ", unknown) + "; it uses: "
                    + String.join(", ", new TreeSet<>(needed)) + ".");
        }
        return values;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void writeMessages(ObjectNode body, String system, String user) {
        ArrayNode messages = body.putArray("messages");
        if (system != null && !system.isBlank()) {
            if (shape == ApiShape.ANTHROPIC) {
                body.put("system", system);
            } else {
                messages.addObject().put("role", "system").put("content", system);
            }
        }
        messages.addObject().put("role", "user").put("content", user);
    }
}
