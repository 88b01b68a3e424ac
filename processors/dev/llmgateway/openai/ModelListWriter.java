package dev.llmgateway.openai;

import dev.llmgateway.http.JsonResponses;
import dev.llmgateway.model.ModelCatalog;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Answers GET /v1/models with the configured aliases in OpenAI's list format. */
public class ModelListWriter implements Processor {

    private final ModelCatalog catalog;
    private final long created = System.currentTimeMillis() / 1000;

    public ModelListWriter(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        List<Map<String, Object>> data = catalog.entries().stream()
                .map(e -> Map.<String, Object>of(
                        "id", e.spec().alias(),
                        "object", "model",
                        "created", created,
                        "owned_by", "camel-llm-gateway",
                        "context_window", e.spec().contextWindow(),
                        "max_output_tokens", e.spec().maxOutputTokens()))
                .toList();
        JsonResponses.write(exchange, 200, Map.of("object", "list", "data", data));
    }
}
