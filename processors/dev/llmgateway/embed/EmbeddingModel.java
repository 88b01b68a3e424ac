package dev.llmgateway.embed;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * What the gateway knows of one family of Bedrock embedding models: how many texts one InvokeModel call takes, the
 * longest text, the vector lengths it offers, what the texts may be declared to be for, and its request and answer
 * bodies.
 */
public interface EmbeddingModel {

    /** @return the embedding model of a family of {@link dev.llmgateway.chat.ModelFamilies#EMBEDDING} */
    static EmbeddingModel of(String family) {
        return switch (family) {
            case "titan-embed" -> TitanTextEmbeddings.INSTANCE;
            case "cohere-embed" -> CohereEmbed.INSTANCE;
            default -> throw new IllegalArgumentException(family + " is not an embedding model family");
        };
    }

    int textsPerCall();

    /** @return the most characters Bedrock takes in one text */
    int maxCharacters();

    /** @return the vector lengths the model can give, in ascending order */
    List<Integer> dimensions();

    int defaultDimensions();

    /** @return the input types the model takes, empty when it takes none */
    Set<String> inputTypes();

    /** @return the input type used when a request names none, or null when the model takes none */
    String defaultInputType();

    /** @return the InvokeModel body embedding these texts */
    byte[] requestBody(List<String> texts, int dimensions, String inputType);

    /**
     * @return the vectors of the answer, one per text sent, in order
     * @throws IllegalStateException when the answer does not hold them
     */
    List<float[]> vectors(JsonNode answer, int texts, int dimensions);
}
