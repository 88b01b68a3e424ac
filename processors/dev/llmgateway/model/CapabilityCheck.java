package dev.llmgateway.model;

import dev.llmgateway.chat.Capability;
import dev.llmgateway.chat.ChatRequest;
import dev.llmgateway.chat.ContentBlock;
import dev.llmgateway.chat.GatewayException;
import dev.llmgateway.chat.ModelSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Refuses a request that uses something its model cannot do (400 {@code unsupported_capability}, naming the model,
 * the capability and the models that have it), before anything is reserved or sent. A capability the requests can
 * newly use adds its {@link Use} here.
 */
final class CapabilityCheck {

    /** A capability, how to tell that a request uses it, and what in the request does, for the message. */
    private record Use(Capability capability, Predicate<ChatRequest> usedBy, String what) {
    }

    private static final List<Use> USES = List.of(
            new Use(Capability.TOOLS, ChatRequest::usesTools, "tools, or tool calls in the conversation"),
            new Use(Capability.TOOLS, request -> request.responseFormat() != null,
                    "a structured answer, which is served as a call of one tool"),
            new Use(Capability.IMAGES, request -> request.carries(ContentBlock.Image.class)
                    || request.carries(ContentBlock.ImageLink.class), "images"),
            new Use(Capability.DOCUMENTS, request -> request.carries(ContentBlock.Document.class), "documents"),
            new Use(Capability.REASONING, ChatRequest::usesReasoning,
                    "thinking or reasoning_effort, or reasoning blocks in the conversation"),
            new Use(Capability.PROMPT_CACHING, ChatRequest::cachesPrompt, "cache_control breakpoints"));

    private final ModelCatalog catalog;

    CapabilityCheck(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    void check(ChatRequest request, ModelSpec model) {
        firstMissing(request, model).ifPresent(use -> {
            throw GatewayException.invalidRequest("unsupported_capability", "The model '" + model.alias()
                    + "' does not support " + use.capability().wireName() + ", which this request uses ("
                    + use.what() + "); " + modelsWith(use.capability())
                    + " (GET /v1/models lists what each model can do).");
        });
    }

    /** @return a capability the request uses and the model lacks, if any */
    static Optional<Capability> missing(ChatRequest request, ModelSpec model) {
        return firstMissing(request, model).map(Use::capability);
    }

    private static Optional<Use> firstMissing(ChatRequest request, ModelSpec model) {
        for (Use use : USES) {
            if (!model.supports(use.capability()) && use.usedBy().test(request)) {
                return Optional.of(use);
            }
        }
        return Optional.empty();
    }

    private String modelsWith(Capability capability) {
        String aliases = catalog.entries().stream().map(ModelCatalog.Entry::spec).filter(s -> s.supports(capability))
                .map(ModelSpec::alias).collect(Collectors.joining(", "));
        return aliases.isEmpty() ? "no model here supports it" : "models that do: " + aliases;
    }
}
