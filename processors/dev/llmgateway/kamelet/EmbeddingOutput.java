package dev.llmgateway.kamelet;

import dev.llmgateway.chat.GatewayCall;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The Kamelet llm-embed-action's last step: the body becomes the text's vector, a {@code float[]}. */
public class EmbeddingOutput implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(GatewayCall.of(exchange).embeddings().vectors().get(0));
    }
}
