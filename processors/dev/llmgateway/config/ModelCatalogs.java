package dev.llmgateway.config;

import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ModelSpec;
import dev.llmgateway.model.ModelCatalog;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the model catalog the processors use from the configured aliases. */
public final class ModelCatalogs {

    private ModelCatalogs() {
    }

    public static ModelCatalog from(GatewaySettings settings) {
        return new ModelCatalog(settings.models().entrySet().stream()
                .map(e -> new ModelCatalog.Entry(new ModelSpec(e.getKey(), e.getValue().family(),
                        e.getValue().contextWindow(), e.getValue().maxOutputTokens(),
                        capabilities(e.getValue()),
                        e.getValue().targets().stream()
                                .map(t -> new ModelSpec.RegionTarget(t.region(), t.modelId(), t.weight())).toList()),
                        e.getValue().defaultMaxTokens(), e.getValue().fallbacks()))
                .toList());
    }

    /** The settings were validated: every name is a capability's. */
    private static Set<Capability> capabilities(GatewaySettings.Model model) {
        return model.capabilities().stream().map(name -> Capability.fromWireName(name).orElseThrow())
                .collect(Collectors.toSet());
    }
}
