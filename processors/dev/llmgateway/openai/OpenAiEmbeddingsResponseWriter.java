package dev.llmgateway.openai;

import dev.llmgateway.chat.EmbeddingRequest;
import dev.llmgateway.chat.Embeddings;
import dev.llmgateway.chat.GatewayCall;
import dev.llmgateway.embed.EmbeddingVectors;
import dev.llmgateway.http.JsonResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Writes a call's embeddings as OpenAI's list of embeddings, in the request's order. The usage counts the tokens
 * Bedrock read: texts answered from the vector cache count none.
 */
public class OpenAiEmbeddingsResponseWriter implements Processor {

    @Override
    public void process(Exchange exchange) {
        GatewayCall call = GatewayCall.of(exchange);
        EmbeddingRequest request = call.embeddingRequest();
        Embeddings embeddings = call.embeddings();
        List<Map<String, Object>> data = new ArrayList<>(embeddings.vectors().size());
        for (int i = 0; i < embeddings.vectors().size(); i++) {
            float[] vector = embeddings.vectors().get(i);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", "embedding");
            item.put("index", i);
            item.put("embedding", request.base64() ? EmbeddingVectors.base64(vector) : vector);
            data.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        body.put("model", request.model());
        int tokens = embeddings.usage().inputTokens();
        body.put("usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens));
        JsonResponses.write(exchange, 200, body);
    }
}
