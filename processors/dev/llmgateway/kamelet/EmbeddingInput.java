package dev.llmgateway.kamelet;

import dev.llmgateway.chat.EmbeddingRequest;
import dev.llmgateway.chat.GatewayException;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The Kamelet llm-embed-action's first step: starts the exchange's {@link GatewayCall} for {@code direct:llm-embed}
 * with its caller (the step's team and feature, else an earlier llm-* step's) and an embeddings request of the body's
 * text.
 */
public class EmbeddingInput extends KameletStep {

    /** The model when the step names none. */
    static final String DEFAULT_MODEL = "titan-embed-text-v2";

    private Integer dimensions;
    private String inputType;

    /** @param dimensions the vector length, or 0 for the model's default */
    public void setDimensions(int dimensions) {
        this.dimensions = dimensions == 0 ? null : dimensions;
    }

    /** @param inputType what the text is for (Cohere), or empty for the model's default */
    public void setInputType(String inputType) {
        this.inputType = inputType == null || inputType.isBlank() ? null : inputType;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isEmpty()) {
            throw GatewayException.invalidRequest("empty_input",
                    "The message body is empty; llm-embed-action needs the text to embed in the body.");
        }
        KameletCall.of(exchange, team(), feature()).setEmbeddingRequest(new EmbeddingRequest(
                model() == null ? DEFAULT_MODEL : model(), List.of(text), dimensions, inputType, false));
    }
}
