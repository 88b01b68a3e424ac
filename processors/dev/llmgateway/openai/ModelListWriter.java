package dev.llmgateway.openai;

import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.http.JsonResponses;
import dev.llmgateway.model.ModelCatalog;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Answers GET /v1/models with the configured aliases in OpenAI's list format, each with the gateway's extension fields
 * (limits, capabilities and the fallback models tried in order), which OpenAI clients ignore.
 */
public class ModelListWriter implements Processor {

    private final ModelCatalog catalog;
    private final long created = System.currentTimeMillis() / 1000;

    public ModelListWriter(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        List<Map<String, Object>> data = catalog.entries().stream().map(e -> model(e.spec(),
                catalog.fallbacksOf(e.spec().alias()))).toList();
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
