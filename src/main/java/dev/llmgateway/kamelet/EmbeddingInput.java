package dev.llmgateway.kamelet;

import dev.llmgateway.chat.EmbeddingRequest;
import dev.llmgateway.chat.GatewayException;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The Kamelet llm-embed-action's first step: starts the exchange's {@link GatewayCall} for {@code direct:llm-embed}
 * with its caller (team and feature, unless an earlier llm-* step named one) and an embeddings request of the body's
 * text. The first message of a context installs the gateway's chain.
 */
public class EmbeddingInput implements Processor, CamelContextAware {

    private CamelContext camelContext;
    private String team = "default";
    private String feature = "kamelet";
    private String model;
    private Integer dimensions;
    private String inputType;
    private volatile boolean installed;

    public void setTeam(String team) {
        this.team = team;
    }

    public void setFeature(String feature) {
        this.feature = feature;
    }

    public void setModel(String model) {
        this.model = model;
    }

    /** @param dimensions the vector length, or 0 for the model's default */
    public void setDimensions(int dimensions) {
        this.dimensions = dimensions == 0 ? null : dimensions;
    }

    /** @param inputType what the text is for (Cohere), or empty for the model's default */
    public void setInputType(String inputType) {
        this.inputType = inputType == null || inputType.isBlank() ? null : inputType;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        if (!installed) {
            GatewayLibrary.install(camelContext);
            installed = true;
        }
        String text = exchange.getMessage().getBody(String.class);
        if (text == null || text.isEmpty()) {
            throw GatewayException.invalidRequest("empty_input",
                    "The message body is empty; llm-embed-action needs the text to embed in the body.");
        }
        KameletCall.of(exchange, team, feature).setEmbeddingRequest(
                new EmbeddingRequest(model, List.of(text), dimensions, inputType, false));
    }
}
