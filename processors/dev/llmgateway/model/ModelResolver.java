package dev.llmgateway.model;

import dev.llmgateway.bedrock.ConverseRequestBuilder;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelFamilies;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Finds the model alias a chat request names, refuses a request that uses something the model cannot do or that the
 * model would refuse (before any limit or budget is reserved for it), and fills in its default output limit when none
 * was asked.
 */
public class ModelResolver implements Processor {

    private static final int MAX_QUOTED = 100;

    private final ModelCatalog catalog;
    private final CapabilityCheck capabilities;

    public ModelResolver(ModelCatalog catalog) {
        this.catalog = catalog;
        this.capabilities = new CapabilityCheck(catalog);
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        ChatRequest request = call.request();
        ModelCatalog.Entry entry = catalog.find(request.model());
        if (entry == null) {
            throw new GatewayException(404, "invalid_request_error", "model_not_found",
                    "The model '" + quoted(request.model()) + "' does not exist here; available models: "
                            + catalog.entries().stream().map(e -> e.spec().alias()).collect(Collectors.joining(", "))
                            + " (GET /v1/models lists them).");
        }
        if (!ModelFamilies.isChat(entry.spec().family())) {
            throw GatewayException.invalidRequest("model_not_chat",
                    "The model '" + quoted(request.model()) + "' is an embedding model; send it to POST "
                            + "/v1/embeddings.");
        }
        capabilities.check(request, entry.spec());
        ConverseRequestBuilder.check(request, entry.spec());
        call.setModel(entry.spec());
        call.setFallbacks(catalog.fallbacksOf(entry.spec().alias()));
        if (request.maxTokens() == null) {
            call.setRequest(request.withMaxTokens(entry.defaultMaxTokens()));
        }
    }

    /** The name as the caller sent it, cut: it is any string until it is found in the catalog. */
    static String quoted(String model) {
        return model.length() > MAX_QUOTED ? model.substring(0, MAX_QUOTED) + "..." : model;
    }
}
