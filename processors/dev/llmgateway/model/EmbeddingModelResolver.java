package dev.llmgateway.model;

import dev.llmgateway.chat.EmbeddingRequest;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelFamilies;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.embed.EmbeddingModel;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Finds the embedding model an embeddings request names and refuses what that model cannot give (a vector length, an
 * input type) before anything is reserved; fills in the model's default length and input type.
 */
public class EmbeddingModelResolver implements Processor {

    private final ModelCatalog catalog;

    public EmbeddingModelResolver(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        EmbeddingRequest request = call.embeddingRequest();
        ModelCatalog.Entry entry = catalog.find(request.model());
        if (entry == null) {
            throw new GatewayException(404, "invalid_request_error", "model_not_found", "The model '"
                    + ModelResolver.quoted(request.model()) + "' does not exist here; embedding models: "
                    + String.join(", ", embeddingAliases()) + " (GET /v1/models lists every model).");
        }
        ModelSpec model = entry.spec();
        if (!ModelFamilies.EMBEDDING.contains(model.family())) {
            throw GatewayException.invalidRequest("model_not_embedding", "The model '" + model.alias()
                    + "' is a chat model; embedding models: " + String.join(", ", embeddingAliases()) + ".");
        }
        EmbeddingModel kind = EmbeddingModel.of(model.family());
        Integer dimensions = request.dimensions();
        if (dimensions != null && !kind.dimensions().contains(dimensions)) {
            throw GatewayException.invalidRequest("unsupported_dimensions", "The model '" + model.alias()
                    + "' gives vectors of " + kind.dimensions() + " dimensions, not " + dimensions
                    + "; send one of those as 'dimensions', or leave it out for " + kind.defaultDimensions() + ".");
        }
        String inputType = request.inputType();
        if (inputType != null && !kind.inputTypes().contains(inputType)) {
            throw GatewayException.invalidRequest("unsupported_input_type", kind.inputTypes().isEmpty()
                    ? "The model '" + model.alias() + "' takes no 'input_type'; leave it out."
                    : "'input_type' must be one of " + new TreeSet<>(kind.inputTypes()) + " for the model '"
                            + model.alias() + "'.");
        }
        call.setModel(model);
        call.setEmbeddingRequest(new EmbeddingRequest(request.model(), request.texts(),
                dimensions == null ? kind.defaultDimensions() : dimensions,
                inputType == null ? kind.defaultInputType() : inputType, request.base64()));
    }

    private Iterable<String> embeddingAliases() {
        return catalog.entries().stream().map(ModelCatalog.Entry::spec)
                .filter(spec -> ModelFamilies.EMBEDDING.contains(spec.family())).map(ModelSpec::alias).toList();
    }
}
