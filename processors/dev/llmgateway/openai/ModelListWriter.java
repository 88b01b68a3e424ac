package dev.llmgateway.openai;

import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.http.JsonResponses;
import dev.llmgateway.model.ModelCatalog;
import dev.llmgateway.teams.ModelAccess;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Answers GET /v1/models with the configured aliases the caller may use (its team's and key's models), in OpenAI's
 * list format, each with the gateway's extension fields (limits, capabilities and the fallback models tried in order),
 * which OpenAI clients ignore.
 */
public class ModelListWriter implements Processor {

    private final ModelCatalog catalog;
    private final ModelAccess access;
    private final long created = System.currentTimeMillis() / 1000;

    /** @param access which models a caller may use, or null to list every one */
    public ModelListWriter(ModelCatalog catalog, ModelAccess access) {
        this.catalog = catalog;
        this.access = access;
    }

    @Override
    public void process(Exchange exchange) {
        List<ModelSpec> specs = catalog.entries().stream().map(ModelCatalog.Entry::spec).toList();
        if (access != null) {
            List<String> allowed = access.allowed(GatewayCall.of(exchange).caller(),
                    specs.stream().map(ModelSpec::alias).toList());
            specs = specs.stream().filter(spec -> allowed.contains(spec.alias())).toList();
        }
        List<Map<String, Object>> data = specs.stream().map(spec -> model(spec, catalog.fallbacksOf(spec.alias())))
                .toList();
        JsonResponses.write(exchange, 200, Map.of("object", "list", "data", data));
    }

    private Map<String, Object> model(ModelSpec spec, List<ModelSpec> fallbacks) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", spec.alias());
        model.put("object", "model");
        model.put("created", created);
        model.put("owned_by", "camel-llm-gateway");
        model.put("context_window", spec.contextWindow());
        model.put("max_output_tokens", spec.maxOutputTokens());
        model.put("capabilities", Arrays.stream(Capability.values()).filter(spec::supports).map(Capability::wireName)
                .toList());
        model.put("fallbacks", fallbacks.stream().map(ModelSpec::alias).toList());
        return model;
    }
}
