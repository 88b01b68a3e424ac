package dev.llmgateway.config;

import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.model.ModelCatalog;

/** Builds the model catalog the processors use from the configured aliases. */
public final class ModelCatalogs {

    private ModelCatalogs() {
    }

    public static ModelCatalog from(GatewaySettings settings) {
        return new ModelCatalog(settings.models().entrySet().stream()
                .map(e -> new ModelCatalog.Entry(new ModelSpec(e.getKey(), e.getValue().family(),
                        e.getValue().contextWindow(), e.getValue().maxOutputTokens(),
                        e.getValue().targets().stream()
                                .map(t -> new ModelSpec.RegionTarget(t.region(), t.modelId(), t.weight())).toList()),
                        e.getValue().defaultMaxTokens()))
                .toList());
    }
}
