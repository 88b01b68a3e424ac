package dev.llmgateway.emulator;

import java.util.Map;
import java.util.Optional;

/**
 * The foundation models the emulator plays, by Bedrock base model id: Anthropic's Claude models from Claude 3
 * on (they all take the Messages API body), the Amazon Nova, Meta Llama and Mistral chat models of the gateway's
 * default catalogue (Converse only: see {@link ModelFamily#takesMessagesBody()}), Titan Text Embeddings v1 and v2 and
 * Cohere Embed v3 (English and multilingual).
 * Any other id is unknown, as an id that Bedrock does not have is: the request is refused with Bedrock's
 * ValidationException.
 */
final class ModelCatalog {
    private static final Map<String, ModelFamily> MODELS = Map.ofEntries(
            Map.entry("anthropic.claude-3-haiku-20240307-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-3-sonnet-20240229-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-3-opus-20240229-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-3-5-sonnet-20240620-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-3-5-sonnet-20241022-v2:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-3-5-haiku-20241022-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-3-7-sonnet-20250219-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-sonnet-4-20250514-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-opus-4-20250514-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-opus-4-1-20250805-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-sonnet-4-5-20250929-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-haiku-4-5-20251001-v1:0", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-opus-4-6-v1", ModelFamily.CLAUDE),
            Map.entry("anthropic.claude-sonnet-4-6", ModelFamily.CLAUDE),
            Map.entry("amazon.nova-pro-v1:0", ModelFamily.NOVA),
            Map.entry("amazon.nova-lite-v1:0", ModelFamily.NOVA),
            Map.entry("amazon.nova-micro-v1:0", ModelFamily.NOVA),
            Map.entry("meta.llama3-3-70b-instruct-v1:0", ModelFamily.LLAMA),
            Map.entry("meta.llama4-maverick-17b-instruct-v1:0", ModelFamily.LLAMA),
            Map.entry("mistral.mistral-large-3-675b-instruct", ModelFamily.MISTRAL),
            Map.entry("amazon.titan-embed-text-v1", ModelFamily.TITAN_EMBED_V1),
            Map.entry("amazon.titan-embed-text-v2:0", ModelFamily.TITAN_EMBED_V2),
            Map.entry("cohere.embed-english-v3", ModelFamily.COHERE_EMBED),
            Map.entry("cohere.embed-multilingual-v3", ModelFamily.COHERE_EMBED));

    private ModelCatalog() {
    }

    static Optional<ModelFamily> familyOf(String baseModelId) {
        return Optional.ofNullable(MODELS.get(baseModelId));
    }
}
